using Microsoft.Extensions.Logging;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Holds a reload back while too many worker generations are alive. Every reload leaves the old workers draining
/// for up to <c>worker_shutdown_timeout</c>; a reload storm with long-lived connections stacks generations, and
/// each holds its own copy of the config (ingress-nginx users saw several GB). So before a reload, while the
/// generations alive would exceed the bound once the reload adds one, /proc is polled until old ones have gone,
/// but never longer than <see cref="ReloadGateOptions.MaxWait"/>: then the reload goes ahead with a warning, since a
/// config change matters more than memory. Generations that cannot be counted (nginx not running, or not visible
/// from here) do not hold a reload back. The reconcile loop reloads one config at a time, so at most one reload
/// waits here.
/// </summary>
public sealed partial class ReloadGate(Func<WorkerGenerationCount?> generations, ReloadGateOptions options, TimeProvider time, ILogger<ReloadGate> logger)
{
    /// <summary>Raised after each wait, held back or not, so metrics can count what the bound costs.</summary>
    public event Action<ReloadWait>? Waited;

    public async Task<ReloadWait> WaitAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var alive = generations()?.Alive;
        var held = false;
        while (options.MaxGenerations > 0 && alive is { } count && count >= options.MaxGenerations)
        {
            var waited = time.GetElapsedTime(started);
            if (waited >= options.MaxWait)
            {
                LogGaveUp(logger, count, options.MaxGenerations, options.MaxWait.TotalSeconds);
                return Report(new ReloadWait(waited, GaveUp: true, alive));
            }
            if (!held)
            {
                LogWaiting(logger, count, options.MaxGenerations);
                held = true;
            }
            var remaining = options.MaxWait - waited;
            await Task.Delay(remaining < options.PollInterval ? remaining : options.PollInterval, time, cancellationToken);
            alive = generations()?.Alive;
        }
        return Report(new ReloadWait(held ? time.GetElapsedTime(started) : TimeSpan.Zero, GaveUp: false, alive));
    }

    private ReloadWait Report(ReloadWait wait)
    {
        Waited?.Invoke(wait);
        return wait;
    }

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "{Generations} nginx worker generations are alive (bound {Bound}, counting the one a reload adds); the reload waits for old workers to drain")]
    private static partial void LogWaiting(ILogger logger, int generations, int bound);

    [LoggerMessage(EventId = 117, Level = LogLevel.Warning, Message = "{Generations} nginx worker generations are still alive (bound {Bound}) after {Seconds} s; reloading anyway, so memory grows until old workers finish their connections")]
    private static partial void LogGaveUp(ILogger logger, int generations, int bound, double seconds);
}
