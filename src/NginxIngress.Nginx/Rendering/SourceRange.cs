using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Lines <paramref name="FirstLine"/> to <paramref name="LastLine"/> (1-based, inclusive) of nginx.conf were printed
/// for one block, on behalf of <paramref name="Ingresses"/>: one for a location, every Ingress that shares it for a
/// server or an upstream, none for the controller's own 404 location.
/// </summary>
public sealed record SourceRange(int FirstLine, int LastLine, ConfigBlockKind Kind, string Name, EquatableArray<ObjectKey> Ingresses)
{
    public bool Contains(int line) => line >= FirstLine && line <= LastLine;

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name} (lines {FirstLine}-{LastLine})";
}
