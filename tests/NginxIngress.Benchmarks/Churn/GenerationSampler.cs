using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Benchmarks.Churn;

/// <summary>
/// Samples, every 20 ms, how many worker generations an nginx master has alive and how many workers, counted as
/// the controller counts them (<see cref="WorkerGenerations"/>: from outside it has no reload marks, so workers are
/// grouped by start time), and keeps the peaks.
/// </summary>
public sealed class GenerationSampler : IAsyncDisposable
{
    // Never disposed: it holds no timer, and DisposeAsync reads it to be idempotent.
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public GenerationSampler(Func<int?> masterPid) => _sampler = Task.Run(() => SampleAsync(new WorkerGenerations(masterPid)));

    public int PeakGenerations { get; private set; }

    public int PeakWorkers { get; private set; }

    public int Samples { get; private set; }

    private async Task SampleAsync(WorkerGenerations generations)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (generations.Read() is not { } count)
                {
                    continue;
                }
                PeakGenerations = Math.Max(PeakGenerations, count.Alive);
                PeakWorkers = Math.Max(PeakWorkers, count.Workers);
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
