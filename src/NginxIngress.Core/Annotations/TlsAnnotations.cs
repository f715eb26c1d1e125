using NginxIngress.Core.Settings;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>ssl-redirect</c> and <c>force-ssl-redirect</c>: per Ingress, over the ConfigMap keys of the same names. Every
/// location of the Ingress takes them, as in ingress-nginx, where they are location-scoped annotations.
/// </summary>
public sealed record TlsAnnotations(bool SslRedirect, bool ForceSslRedirect)
{
    public static TlsAnnotations Defaults(TlsSettings settings) => new(settings.SslRedirect, settings.ForceSslRedirect);

    public static TlsAnnotations Parse(AnnotationReader reader, TlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(settings);
        return new TlsAnnotations(
            reader.GetBool(AnnotationRegistry.SslRedirect) ?? settings.SslRedirect,
            reader.GetBool(AnnotationRegistry.ForceSslRedirect) ?? settings.ForceSslRedirect);
    }
}
