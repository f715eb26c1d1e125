using NginxIngress.Nginx.Rendering;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Validation;

/// <summary>
/// The Ingresses a rejected line traces to, and the block it lies in. One Ingress is the culprit; several
/// share the block, so which of them is at fault must be found by trying without them.
/// </summary>
public sealed record Suspects(IReadOnlyList<ObjectKey> Ingresses, SourceRange? Block)
{
    /// <summary>The line is the controller's own, or nginx named none: any Ingress may be the cause.</summary>
    public static readonly Suspects Unknown = new([], null);

    public bool IsExact => Ingresses.Count == 1;
}
