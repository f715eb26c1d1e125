using System.Collections.Immutable;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Kubernetes.Manifests;

/// <param name="Snapshot">The objects the controller reads, as if applied to a cluster.</param>
/// <param name="Issues">Files, documents and objects that could not be used, or were converted.</param>
/// <param name="Origins">Where each object was defined (<c>file:line</c>), so a problem about it can name the file.</param>
public sealed record ManifestLoadResult(ClusterSnapshot Snapshot, ImmutableArray<ManifestIssue> Issues, ImmutableDictionary<ObjectRef, string> Origins) : IObjectOrigins
{
    public string? Of(ObjectRef reference) => Origins.GetValueOrDefault(reference);
}
