using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>EndpointSlices (discovery.k8s.io/v1), never v1 Endpoints, which Kubernetes 1.33 deprecates (pitfall 17). One Service may own several slices, joined on the kubernetes.io/service-name label.</summary>
public sealed class EndpointSliceKind(string? watchNamespace) : ResourceKind<V1EndpointSlice>(watchNamespace)
{
    public override string ApiVersion => "discovery.k8s.io/v1";

    public override string Kind => "EndpointSlice";

    public override async Task<ResourcePage<V1EndpointSlice>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = Namespace is null
            ? await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(
                continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(
                Namespace, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1EndpointSlice>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1EndpointSlice Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Namespace is null
            ? client.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken)
            : client.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(
                Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken);
    }
}
