using Microsoft.Extensions.Hosting;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Controller.Hosting;

/// <summary>Hosts the API informers for the controller's lifetime; they feed the store's "api" source.</summary>
internal sealed class ApiSource(ClusterInformers informers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await informers.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
