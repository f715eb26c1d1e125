namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>upstream-vhost</c>, <c>connection-proxy-header</c> and <c>enable-access-log</c>: what the backend is told, and
/// whether the paths are logged.
/// </summary>
public sealed record BackendAnnotations(string? UpstreamVhost, bool AccessLog, string? ConnectionHeader = null)
{
    public static readonly BackendAnnotations None = new(null, true);

    public static BackendAnnotations Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new BackendAnnotations(reader.Get(BackendAnnotationSpecs.UpstreamVhost), reader.GetBool(BackendAnnotationSpecs.EnableAccessLog) ?? true,
            reader.Get(BackendAnnotationSpecs.ConnectionProxyHeader));
    }
}
