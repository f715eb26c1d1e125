using System.Globalization;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Counts the worker generations alive under the nginx master: after each reload the old workers drain for up to
/// <c>worker_shutdown_timeout</c> (240 s by default) while the new ones serve, so a reload storm stacks generations,
/// each holding its own copy of the config's memory.
/// <para>
/// A generation is the set of workers the master forked for one config, and workers are told apart by their start
/// time (/proc, in clock ticks since boot). The controller marks the moment before it sends each reload
/// (<see cref="Reloading"/>): every worker that started between two marks was forked for the same config, even
/// one forked again after a crash, however long a loaded node took to fork them. Workers that started before the
/// first mark (an nginx that was already running, or a master started since) fall back to a gap: the master forks
/// all workers of a config in one loop, within milliseconds, while two reloads of this controller are at least the
/// debounce quiet period (100 ms) apart, so neighbours more than <see cref="GenerationGapTicks"/> apart start a new
/// generation. The process title alone cannot tell generations apart: every draining worker is "worker process
/// is shutting down", whatever reload it came from, and an old worker keeps its plain title until it has read the
/// master's quit message.
/// </para>
/// </summary>
public sealed class WorkerGenerations(Func<int?> masterProcessId)
{
    /// <summary>Start times are in USER_HZ ticks (10 ms): 50 ms is far above a fork loop, and half the least time between two reloads.</summary>
    internal const ulong GenerationGapTicks = 5;

    /// <summary>Reload marks kept: far more than generations can be alive under any bound worth setting.</summary>
    private const int MarksKept = 1024;

    private const string WorkerTitle = "nginx: worker process";
    private const string ShuttingDownTitle = "nginx: worker process is shutting down";

    private readonly Lock _gate = new();
    private readonly List<ulong> _reloads = [];

    public WorkerGenerations(INginxProcess nginx)
        : this(() => nginx.MasterProcessId)
    {
    }

    /// <summary>A reload is about to be sent: workers that start from now on belong to the next config.</summary>
    public void Reloading()
    {
        if (UptimeTicks() is { } now)
        {
            lock (_gate)
            {
                _reloads.Add(now);
                if (_reloads.Count > MarksKept)
                {
                    _reloads.RemoveRange(0, _reloads.Count - MarksKept);
                }
            }
        }
    }

    /// <summary>
    /// The generations alive now, or null when that is unknown: no master is running, or its processes are not
    /// visible here (a sidecar's nginx in another pid namespace), which must not read as "none".
    /// </summary>
    public WorkerGenerationCount? Read()
    {
        if (masterProcessId() is not { } master || ProcessTable.Read(master) is not { State: not 'Z' and not 'X' }
            || !ProcessTable.CommandLine(master).StartsWith("nginx: master process", StringComparison.Ordinal))
        {
            return null;
        }
        var workers = new List<NginxWorker>();
        foreach (var entry in ProcessTable.ChildrenOrMembers(master, group: null))
        {
            var title = ProcessTable.CommandLine(entry.Pid).TrimEnd();
            if (entry.State is not 'Z' and not 'X' && title.StartsWith(WorkerTitle, StringComparison.Ordinal))
            {
                workers.Add(new NginxWorker(entry.Pid, entry.StartTime, title == ShuttingDownTitle));
            }
        }
        ulong[] reloads;
        lock (_gate)
        {
            reloads = [.. _reloads];
        }
        return Group(workers, reloads);
    }

    /// <summary>Splits <paramref name="workers"/> into generations by start time and reload marks (see the type's remarks).</summary>
    internal static WorkerGenerationCount Group(IEnumerable<NginxWorker> workers, IReadOnlyList<ulong>? reloads = null)
    {
        var marks = reloads ?? [];
        // How many reloads had been sent when a worker started: equal for the workers of one config.
        int Interval(NginxWorker worker) => marks.Count(mark => mark <= worker.StartTime);
        bool SameGeneration(NginxWorker earlier, NginxWorker later) => (Interval(earlier), Interval(later)) switch
        {
            var (a, b) when a != b => false,
            (0, _) => later.StartTime - earlier.StartTime <= GenerationGapTicks,
            _ => true,
        };

        var sorted = workers.OrderBy(worker => worker.StartTime).ToList();
        var alive = 0;
        var draining = 0;
        for (var start = 0; start < sorted.Count;)
        {
            var end = start + 1;
            while (end < sorted.Count && SameGeneration(sorted[end - 1], sorted[end]))
            {
                end++;
            }
            alive++;
            if (sorted.Skip(start).Take(end - start).All(worker => worker.ShuttingDown))
            {
                draining++;
            }
            start = end;
        }
        return new WorkerGenerationCount(alive, draining, sorted.Count);
    }

    /// <summary>Clock ticks since boot now, on the clock of /proc's start times (USER_HZ, 100 per second).</summary>
    private static ulong? UptimeTicks()
    {
        try
        {
            var seconds = File.ReadAllText("/proc/uptime").Split(' ')[0];
            return (ulong)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * 100);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
