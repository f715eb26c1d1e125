using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>Secrets (v1), in all namespaces or the one given by --watch-namespace; TLS certificates and auth files come from here.</summary>
public sealed class SecretKind(string? watchNamespace) : ResourceKind<V1Secret>(watchNamespace)
{
    public override string ApiVersion => "v1";

    public override string Kind => "Secret";

    public override async Task<ResourcePage<V1Secret>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = Namespace is null
            ? await client.CoreV1.ListSecretForAllNamespacesAsync(
                continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedSecretAsync(
                Namespace, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResourcePage<V1Secret>.Of(page);
    }

    public override IAsyncEnumerable<(WatchEventType Type, V1Secret Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Namespace is null
            ? client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken)
            : client.CoreV1.WatchListNamespacedSecretAsync(
                Namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: cancellationToken);
    }
}
