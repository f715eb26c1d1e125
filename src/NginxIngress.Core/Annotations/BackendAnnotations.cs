namespace NginxIngress.Core.Annotations;

/// <summary><c>upstream-vhost</c> and <c>enable-access-log</c>: what the backend is told, and whether the paths are logged.</summary>
public sealed record BackendAnnotations(string? UpstreamVhost, bool AccessLog)
{
    public static readonly BackendAnnotations None = new(null, true);

    public static BackendAnnotations Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new BackendAnnotations(reader.Get(BackendAnnotationSpecs.UpstreamVhost), reader.GetBool(BackendAnnotationSpecs.EnableAccessLog) ?? true);
    }
}
