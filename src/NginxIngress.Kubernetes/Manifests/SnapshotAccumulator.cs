using System.Collections.Immutable;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>Collects objects by kind while manifests are read; a later object with the same name replaces an earlier one.</summary>
internal sealed class SnapshotAccumulator
{
    private readonly ImmutableSortedDictionary<ObjectKey, V1Ingress>.Builder _ingresses = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Ingress>();
    private readonly ImmutableSortedDictionary<string, V1IngressClass>.Builder _classes = ImmutableSortedDictionary.CreateBuilder<string, V1IngressClass>(StringComparer.Ordinal);
    private readonly ImmutableSortedDictionary<ObjectKey, V1Service>.Builder _services = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Service>();
    private readonly ImmutableSortedDictionary<ObjectKey, V1EndpointSlice>.Builder _slices = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1EndpointSlice>();
    private readonly ImmutableSortedDictionary<ObjectKey, V1Secret>.Builder _secrets = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Secret>();
    private readonly ImmutableSortedDictionary<ObjectKey, V1ConfigMap>.Builder _configMaps = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1ConfigMap>();

    public Dictionary<ObjectRef, string> Origins { get; } = [];

    public void Add(ObjectRef reference, object item, string origin)
    {
        var key = reference.Key;
        switch (item)
        {
            case V1Ingress ingress: _ingresses[key] = ingress; break;
            case V1IngressClass ingressClass: _classes[key.Name] = ingressClass; break;
            case V1Service service: _services[key] = service; break;
            case V1EndpointSlice slice: _slices[key] = slice; break;
            case V1Secret secret: _secrets[key] = secret; break;
            case V1ConfigMap configMap: _configMaps[key] = configMap; break;
            default: throw new ArgumentException($"{item.GetType().Name} is not a kind the snapshot holds", nameof(item));
        }
        Origins[reference] = origin;
    }

    public ClusterSnapshot ToSnapshot() => new()
    {
        Ingresses = _ingresses.ToImmutable(),
        IngressClasses = _classes.ToImmutable(),
        Services = _services.ToImmutable(),
        EndpointSlices = _slices.ToImmutable(),
        Secrets = _secrets.ToImmutable(),
        ConfigMaps = _configMaps.ToImmutable(),
    };
}
