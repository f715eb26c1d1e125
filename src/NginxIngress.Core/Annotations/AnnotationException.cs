namespace NginxIngress.Core.Annotations;

/// <summary>
/// An annotation value failed its allow-list. <see cref="AnnotationReader"/> collects these (a parser may also throw
/// one for a fault its grammar cannot see); the builder turns each into a <see cref="Diagnostics.Problem"/> and, as in
/// ingress-nginx, skips the whole Ingress.
/// </summary>
public sealed class AnnotationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
