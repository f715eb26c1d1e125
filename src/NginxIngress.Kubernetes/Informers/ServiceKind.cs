using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>Services (v1), in all namespaces or the one given by --watch-namespace.</summary>
public sealed class ServiceKind(string? watchNamespace) : ResourceKind<V1Service>(watchNamespace)
{
    public override string ApiVersion => "v1";

    public override string Kind => "Service";

    public override async Task<ResourcePage<V1Service>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = Namespace is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(
                continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedServiceAsync(
                Namespace, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1Service>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1Service Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Namespace is null
            ? client.CoreV1.WatchListServiceForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken)
            : client.CoreV1.WatchListNamespacedServiceAsync(
                Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken);
    }
}
