using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>IngressClasses (networking.k8s.io/v1). Cluster-scoped, so --watch-namespace does not narrow them.</summary>
public sealed class IngressClassKind() : ResourceKind<V1IngressClass>(watchNamespace: null)
{
    public override string ApiVersion => "networking.k8s.io/v1";

    public override string Kind => "IngressClass";

    public override async Task<ResourcePage<V1IngressClass>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.NetworkingV1.ListIngressClassAsync(
            continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1IngressClass>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1IngressClass Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.NetworkingV1.WatchListIngressClassAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
            onError: onError, cancellationToken: cancellationToken);
    }
}
