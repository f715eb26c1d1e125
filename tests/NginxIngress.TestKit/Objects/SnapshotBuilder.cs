using System.Collections.Immutable;
using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// Puts Kubernetes objects into a <see cref="ClusterSnapshot"/>, keyed as the object store keys them.
/// A later object with the same key replaces an earlier one.
/// </summary>
public static class SnapshotBuilder
{
    /// <summary>The objects, plus the <c>nginx</c> IngressClass that deploy.yaml ships.</summary>
    public static ClusterSnapshot WithNginxClass(params IEnumerable<object> objects) =>
        From([IngressClasses.Nginx(), .. objects]);

    /// <summary>Exactly the objects given; <see cref="Workload"/> entries are expanded to their objects.</summary>
    public static ClusterSnapshot From(params IEnumerable<object> objects)
    {
        var ingresses = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Ingress>();
        var classes = ImmutableSortedDictionary.CreateBuilder<string, V1IngressClass>(StringComparer.Ordinal);
        var services = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Service>();
        var slices = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1EndpointSlice>();
        var secrets = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Secret>();
        var configMaps = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1ConfigMap>();
        foreach (var item in objects.SelectMany(Expand))
        {
            switch (item)
            {
                case V1Ingress ingress: ingresses[Key(ingress)] = ingress; break;
                case V1IngressClass ingressClass: classes[ingressClass.Name()] = ingressClass; break;
                case V1Service service: services[Key(service)] = service; break;
                case V1EndpointSlice slice: slices[Key(slice)] = slice; break;
                case V1Secret secret: secrets[Key(secret)] = secret; break;
                case V1ConfigMap configMap: configMaps[Key(configMap)] = configMap; break;
                default: throw new ArgumentException($"{item.GetType().Name} is not a kind these tests put in a snapshot", nameof(objects));
            }
        }
        return new ClusterSnapshot
        {
            Ingresses = ingresses.ToImmutable(),
            IngressClasses = classes.ToImmutable(),
            Services = services.ToImmutable(),
            Secrets = secrets.ToImmutable(),
            ConfigMaps = configMaps.ToImmutable(),
            EndpointSlices = slices.ToImmutable(),
        };
    }

    private static IEnumerable<object> Expand(object item) => item switch
    {
        Workload workload => [workload.Service, workload.Slice],
        IngressBuilder ingress => [ingress.Build()],
        _ => [item],
    };

    private static ObjectKey Key(IKubernetesObject<V1ObjectMeta> item) => new(item.Namespace() ?? "default", item.Name());
}
