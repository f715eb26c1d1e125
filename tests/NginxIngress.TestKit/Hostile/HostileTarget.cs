using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// One place a Kubernetes object's author can write a value: an annotation, a ConfigMap key, an Ingress field.
/// <paramref name="Cluster"/> builds the base cluster with the value written there; <paramref name="Field"/> is the
/// Problem field that names the place; <paramref name="Benign"/> is an accepted value to compare against.
/// </summary>
public sealed record HostileTarget(string Name, string Field, string Benign, bool MustBeRejected, Func<string, ClusterSnapshot> Cluster)
{
    /// <summary>What the value becomes in nginx.conf when the product derives text from it (a hashed file name); else itself.</summary>
    public Func<string, string> Printed { get; init; } = value => value;

    public bool Names(Problem problem) => problem.Field == Field || problem.Field.StartsWith(Field + ".", StringComparison.Ordinal);

    public override string ToString() => Name;
}
