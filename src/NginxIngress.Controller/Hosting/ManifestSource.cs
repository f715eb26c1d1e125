using Microsoft.Extensions.Hosting;
using NginxIngress.Kubernetes.Manifests;

namespace NginxIngress.Controller.Hosting;

/// <summary>Hosts the manifest folder watcher for the controller's lifetime.</summary>
internal sealed class ManifestSource(ManifestDirectoryWatcher watcher) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await watcher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
