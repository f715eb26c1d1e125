using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>ConfigMaps (v1), in all namespaces or the one given by --watch-namespace.</summary>
public sealed class ConfigMapKind(string? watchNamespace) : ResourceKind<V1ConfigMap>(watchNamespace)
{
    public override string ApiVersion => "v1";

    public override string Kind => "ConfigMap";

    public override async Task<ResourcePage<V1ConfigMap>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = Namespace is null
            ? await client.CoreV1.ListConfigMapForAllNamespacesAsync(
                continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedConfigMapAsync(
                Namespace, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1ConfigMap>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1ConfigMap Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Namespace is null
            ? client.CoreV1.WatchListConfigMapForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken)
            : client.CoreV1.WatchListNamespacedConfigMapAsync(
                Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken);
    }
}
