namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Counts the worker generations alive under the nginx master: after each reload the old workers drain for up to
/// <c>worker_shutdown_timeout</c> (240 s by default) while the new ones serve, so a reload storm stacks generations,
/// each holding its own copy of the config's memory.
/// <para>
/// A generation is the set of workers the master forked for one config. They are told apart by start time: the
/// master forks all workers of a config in one loop, within milliseconds, while two reloads of this controller are
/// at least the debounce quiet period (100 ms) plus a verification apart. So the workers sorted by start time
/// split into generations wherever two neighbours started more than <see cref="GenerationGapTicks"/> apart. The
/// process title alone cannot do it: every draining worker is "worker process is shutting down", whatever reload it
/// came from, and an old worker keeps its plain title until it has read the master's quit message. A worker that
/// crashed and was forked again alone counts as a generation of its own until its generation is gone; that errs
/// towards waiting a little longer, never towards more generations than the bound.
/// </para>
/// </summary>
public sealed class WorkerGenerations(Func<int?> masterProcessId)
{
    /// <summary>Start times are in USER_HZ ticks (10 ms): 50 ms is far above a fork loop, even on a loaded node, and half the least time between two reloads.</summary>
    internal const ulong GenerationGapTicks = 5;

    private const string WorkerTitle = "nginx: worker process";
    private const string ShuttingDownTitle = "nginx: worker process is shutting down";

    public WorkerGenerations(INginxProcess nginx)
        : this(() => nginx.MasterProcessId)
    {
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
        return Group(workers);
    }

    /// <summary>Splits <paramref name="workers"/> into generations by start time (see the type's remarks).</summary>
    internal static WorkerGenerationCount Group(IEnumerable<NginxWorker> workers)
    {
        var sorted = workers.OrderBy(worker => worker.StartTime).ToList();
        var alive = 0;
        var draining = 0;
        for (var start = 0; start < sorted.Count;)
        {
            var end = start + 1;
            while (end < sorted.Count && sorted[end].StartTime - sorted[end - 1].StartTime <= GenerationGapTicks)
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
}
