using System.Collections.Immutable;
using k8s.Models;

namespace NginxIngress.Core.Snapshot;

/// <summary>
/// Every object the controller reads, captured at one moment. Immutable, so the pure stages can run on it
/// while the sources keep changing. IngressClasses are cluster-scoped and keyed by name alone.
/// </summary>
public sealed record ClusterSnapshot
{
    public static readonly ClusterSnapshot Empty = new();

    public ImmutableSortedDictionary<ObjectKey, V1Ingress> Ingresses { get; init; } = ImmutableSortedDictionary<ObjectKey, V1Ingress>.Empty;

    public ImmutableSortedDictionary<string, V1IngressClass> IngressClasses { get; init; } = ImmutableSortedDictionary<string, V1IngressClass>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableSortedDictionary<ObjectKey, V1Service> Services { get; init; } = ImmutableSortedDictionary<ObjectKey, V1Service>.Empty;

    public ImmutableSortedDictionary<ObjectKey, V1EndpointSlice> EndpointSlices { get; init; } = ImmutableSortedDictionary<ObjectKey, V1EndpointSlice>.Empty;

    public ImmutableSortedDictionary<ObjectKey, V1Secret> Secrets { get; init; } = ImmutableSortedDictionary<ObjectKey, V1Secret>.Empty;

    public ImmutableSortedDictionary<ObjectKey, V1ConfigMap> ConfigMaps { get; init; } = ImmutableSortedDictionary<ObjectKey, V1ConfigMap>.Empty;
}
