namespace NginxIngress.Core.Annotations;

/// <summary>
/// An annotation value failed its allow-list. Thrown inside an annotation parser only, and turned into a
/// <see cref="Diagnostics.Problem"/> by the builder: as in ingress-nginx, the whole Ingress is then skipped.
/// </summary>
public sealed class AnnotationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
