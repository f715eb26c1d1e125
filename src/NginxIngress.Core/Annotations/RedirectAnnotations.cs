using System.Globalization;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Reads the redirect annotations, as ingress-nginx's redirect parser does: <c>temporal-redirect</c> wins over
/// <c>permanent-redirect</c>; each has its own code (301 and 302 by default). Also <c>app-root</c>,
/// <c>from-to-www-redirect</c> and <c>preserve-trailing-slash</c>.
/// </summary>
public sealed record RedirectAnnotations(RedirectModel? Redirect, string? AppRoot, bool FromToWww = false, bool PreserveTrailingSlash = false)
{
    public static readonly RedirectAnnotations None = new(null, null);

    public static RedirectAnnotations Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var permanent = reader.Get(RedirectAnnotationSpecs.PermanentRedirect);
        var permanentCode = reader.Get(RedirectAnnotationSpecs.PermanentRedirectCode);
        var temporal = reader.Get(RedirectAnnotationSpecs.TemporalRedirect);
        var temporalCode = reader.Get(RedirectAnnotationSpecs.TemporalRedirectCode);
        var redirect = temporal is not null
            ? new RedirectModel(temporal, Code(temporalCode, 302))
            : permanent is not null ? new RedirectModel(permanent, Code(permanentCode, 301)) : null;
        return new RedirectAnnotations(redirect, reader.Get(RedirectAnnotationSpecs.AppRoot),
            reader.GetBool(RedirectAnnotationSpecs.FromToWwwRedirect) ?? false, reader.GetBool(RedirectAnnotationSpecs.PreserveTrailingSlash) ?? false);
    }

    private static int Code(string? value, int fallback) => value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}
