using System.Collections.Immutable;
using System.Text;
using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Benchmarks.Synthetic;

/// <summary>
/// A deterministic cluster of N Ingresses, each with its own Service and a ready EndpointSlice on 127.x
/// addresses, plus the <c>nginx</c> IngressClass. It goes straight into the pipeline as a
/// <see cref="ClusterSnapshot"/>, or to disk as manifests for <c>nginx-ingress render --manifests</c>.
/// </summary>
public sealed class SyntheticCluster
{
    public required SyntheticClusterShape Shape { get; init; }

    public required IReadOnlyList<V1IngressClass> IngressClasses { get; init; }

    public required IReadOnlyList<V1Ingress> Ingresses { get; init; }

    public required IReadOnlyList<V1Service> Services { get; init; }

    public required IReadOnlyList<V1EndpointSlice> EndpointSlices { get; init; }

    public int HostCount => Ingresses.SelectMany(i => i.Spec.Rules).Select(r => r.Host).Distinct(StringComparer.Ordinal).Count();

    public int PathCount => Ingresses.SelectMany(i => i.Spec.Rules).Sum(r => r.Http.Paths.Count);

    public int EndpointCount => EndpointSlices.Sum(s => s.Endpoints.Count);

    public static SyntheticCluster Generate(int ingressCount, int seed = SyntheticClusterShape.DefaultSeed) =>
        Generate(new SyntheticClusterShape { IngressCount = ingressCount, Seed = seed });

    public static SyntheticCluster Generate(SyntheticClusterShape shape)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shape.IngressCount);
        return new SyntheticObjectFactory(shape).Create();
    }

    public ClusterSnapshot ToSnapshot() => new()
    {
        Ingresses = Ingresses.ToImmutableSortedDictionary(Key, item => item),
        IngressClasses = IngressClasses.ToImmutableSortedDictionary(item => item.Name(), item => item, StringComparer.Ordinal),
        Services = Services.ToImmutableSortedDictionary(Key, item => item),
        EndpointSlices = EndpointSlices.ToImmutableSortedDictionary(Key, item => item),
    };

    /// <summary>
    /// Writes the objects as YAML: the IngressClass in one file, then one file per namespace with its Services,
    /// EndpointSlices and Ingresses. Objects carry their creationTimestamp, so the manifest loader keeps the
    /// generator's "oldest Ingress wins" order instead of inventing one from file order.
    /// </summary>
    /// <returns>The files written, in the order written.</returns>
    public IReadOnlyList<string> WriteManifests(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string> { WriteYaml(Path.Combine(directory, "00-ingressclass.yaml"), IngressClasses) };
        var byNamespace = Services.Cast<IKubernetesObject<V1ObjectMeta>>()
            .Concat(EndpointSlices)
            .Concat(Ingresses)
            .GroupBy(item => item.Namespace(), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in byNamespace)
        {
            files.Add(WriteYaml(Path.Combine(directory, group.Key + ".yaml"), group));
        }
        return files;
    }

    private static ObjectKey Key(IKubernetesObject<V1ObjectMeta> item) => new(item.Namespace(), item.Name());

    private static string WriteYaml(string path, IEnumerable<object> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            text.Append("---\n").Append(KubernetesYaml.Serialize(item));
            if (text[^1] != '\n')
            {
                text.Append('\n');
            }
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
