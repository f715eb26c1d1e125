using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// The six informers the controller needs, for all namespaces or the one of --watch-namespace (IngressClasses
/// are cluster-scoped and always watched whole). Nothing may be rendered before <see cref="Synced"/>: a first
/// render without Services or Secrets would reload nginx with broken upstreams or missing TLS (pitfall 14).
/// </summary>
public sealed class ClusterInformers
{
    public ClusterInformers(
        IKubernetes client,
        ClusterInformerSinks sinks,
        string? watchNamespace,
        ResourceInformerOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        IInformerObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sinks);
        var logs = loggerFactory ?? NullLoggerFactory.Instance;

        ResourceInformer<TObject> Create<TObject>(ResourceKind<TObject> kind, IInformerSink<TObject> sink)
            where TObject : k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
            => new(client, kind, sink, options, logs.CreateLogger<ResourceInformer<TObject>>(), observer);

        Informers =
        [
            Create(new IngressClassKind(), sinks.IngressClasses),
            Create(new ServiceKind(watchNamespace), sinks.Services),
            Create(new EndpointSliceKind(watchNamespace), sinks.EndpointSlices),
            Create(new SecretKind(watchNamespace), sinks.Secrets),
            Create(new ConfigMapKind(watchNamespace), sinks.ConfigMaps),
            Create(new IngressKind(watchNamespace), sinks.Ingresses),
        ];
        Synced = Task.WhenAll(Informers.Select(informer => informer.Synced));
    }

    public IReadOnlyList<IResourceInformer> Informers { get; }

    public bool HasSynced => Informers.All(informer => informer.HasSynced);

    /// <summary>Completes when every informer has delivered its first full list.</summary>
    public Task Synced { get; }

    /// <summary>Runs every informer until cancelled; each survives its own errors, so none ends the others.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
        => Task.WhenAll(Informers.Select(informer => informer.RunAsync(cancellationToken)));
}
