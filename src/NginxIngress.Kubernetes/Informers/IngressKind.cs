using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>Ingresses (networking.k8s.io/v1), in all namespaces or the one given by --watch-namespace.</summary>
public sealed class IngressKind(string? watchNamespace) : ResourceKind<V1Ingress>(watchNamespace)
{
    public override string ApiVersion => "networking.k8s.io/v1";

    public override string Kind => "Ingress";

    public override async Task<ResourcePage<V1Ingress>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = Namespace is null
            ? await client.NetworkingV1.ListIngressForAllNamespacesAsync(
                continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.NetworkingV1.ListNamespacedIngressAsync(
                Namespace, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1Ingress>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1Ingress Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Namespace is null
            ? client.NetworkingV1.WatchListIngressForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken)
            : client.NetworkingV1.WatchListNamespacedIngressAsync(
                Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken);
    }
}
