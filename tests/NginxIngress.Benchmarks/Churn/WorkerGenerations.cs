namespace NginxIngress.Benchmarks.Churn;

/// <summary>
/// Samples how many worker generations an nginx master has alive: after a reload the old workers drain ("nginx:
/// worker process is shutting down") beside the new ones. Workers of one generation are forked within a few
/// milliseconds of each other and reloads are further apart, so workers are grouped by start time.
/// </summary>
public sealed class WorkerGenerations : IAsyncDisposable
{
    /// <summary>Start times (clock ticks of 10 ms) further apart than this belong to different generations.</summary>
    private const long GenerationGapTicks = 5;

    // Never disposed: it holds no timer, and DisposeAsync reads it to be idempotent.
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public WorkerGenerations(Func<int?> masterPid) => _sampler = Task.Run(() => SampleAsync(masterPid));

    public int PeakGenerations { get; private set; }

    public int PeakWorkers { get; private set; }

    public int Samples { get; private set; }

    private async Task SampleAsync(Func<int?> masterPid)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (masterPid() is not { } master)
                {
                    continue;
                }
                var workers = ProcStat.All().Select(ProcStat.Read)
                    .Where(stat => stat is not null && stat.ParentPid == master && ProcStat.CommandLine(stat.Pid).StartsWith("nginx: worker process", StringComparison.Ordinal))
                    .Select(stat => stat!.StartTicks).Order().ToList();
                var generations = workers.Count == 0 ? 0 : 1 + workers.Zip(workers.Skip(1)).Count(pair => pair.Second - pair.First > GenerationGapTicks);
                PeakGenerations = Math.Max(PeakGenerations, generations);
                PeakWorkers = Math.Max(PeakWorkers, workers.Count);
                Samples++;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Stops sampling; the peaks stay readable. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        await _sampler;
    }
}
