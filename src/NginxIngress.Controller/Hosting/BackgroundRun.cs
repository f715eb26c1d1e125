using Microsoft.Extensions.Hosting;

namespace NginxIngress.Controller.Hosting;

/// <summary>Hosts a long-running loop (a source, the Lease election, the status writer) for the controller's lifetime.</summary>
internal sealed class BackgroundRun(Func<CancellationToken, Task> run) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
