using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// How to list and watch one kind through the generated typed client methods (the <c>Watch&lt;T,L&gt;()</c>
/// extensions on responses are obsolete, pitfall 11). A null <see cref="Namespace"/> means all namespaces.
/// </summary>
public abstract class ResourceKind<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    protected ResourceKind(string? watchNamespace)
    {
        Namespace = string.IsNullOrEmpty(watchNamespace) ? null : watchNamespace;
    }

    /// <summary>Set on every listed item: list items arrive without apiVersion and kind (pitfall 5).</summary>
    public abstract string ApiVersion { get; }

    public abstract string Kind { get; }

    public string? Namespace { get; }

    public abstract Task<ResourcePage<T>> ListAsync(
        IKubernetes client, string? continueToken, int limit, CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<(WatchEventType Type, T Item)> WatchAsync(
        IKubernetes client, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken cancellationToken);

    public override string ToString() => Namespace is null ? Kind : $"{Kind} in {Namespace}";
}
