using k8s.Models;
using NginxIngress.Core.Settings;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>ssl-redirect</c> and <c>force-ssl-redirect</c>: per Ingress, over the ConfigMap keys of the same names. Every
/// location of the Ingress takes them, as in ingress-nginx, where they are location-scoped annotations.
/// </summary>
public sealed record TlsAnnotations(bool SslRedirect, bool ForceSslRedirect)
{
    public static TlsAnnotations Defaults(TlsSettings settings) => new(settings.SslRedirect, settings.ForceSslRedirect);

    /// <exception cref="AnnotationException">A value is not a boolean.</exception>
    public static TlsAnnotations Parse(V1ObjectMeta metadata, string prefix, TlsSettings settings)
    {
        var reader = new AnnotationReader(metadata, prefix);
        return new TlsAnnotations(
            reader.GetBool("ssl-redirect") ?? settings.SslRedirect,
            reader.GetBool("force-ssl-redirect") ?? settings.ForceSslRedirect);
    }
}
