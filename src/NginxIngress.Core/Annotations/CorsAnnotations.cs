using System.Globalization;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Annotations;

/// <summary><c>enable-cors</c> and the <c>cors-*</c> annotations (ingress-nginx's cors.go): null unless enabled.</summary>
public static class CorsAnnotations
{
    private static readonly EquatableArray<string> AnyOrigin = new(["*"]);

    public static CorsModel? Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Every key is read even when CORS is off, so a bad value is reported whether or not it takes effect.
        var enabled = reader.GetBool(CorsAnnotationSpecs.EnableCors) ?? false;
        var origins = reader.Get(CorsAnnotationSpecs.AllowOrigin) is { } list ? Origins(reader, list) : AnyOrigin;
        var methods = reader.Get(CorsAnnotationSpecs.AllowMethods) ?? CorsAnnotationSpecs.DefaultMethods;
        var headers = reader.Get(CorsAnnotationSpecs.AllowHeaders) ?? CorsAnnotationSpecs.DefaultHeaders;
        var expose = reader.Get(CorsAnnotationSpecs.ExposeHeaders) ?? "";
        var credentials = reader.GetBool(CorsAnnotationSpecs.AllowCredentials) ?? true;
        var maxAge = reader.Get(CorsAnnotationSpecs.MaxAge) is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 1728000;
        return enabled ? new CorsModel(origins, methods.Trim(), headers.Trim(), expose.Trim(), credentials, maxAge) : null;
    }

    /// <summary>
    /// ingress-nginx's rule: a <c>*</c> anywhere in the list allows every origin; an origin of the wrong shape is skipped
    /// with a warning, and the others still apply.
    /// </summary>
    private static EquatableArray<string> Origins(AnnotationReader reader, string list)
    {
        var origins = new List<string>();
        foreach (var origin in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (origin == "*")
            {
                return AnyOrigin;
            }
            if (!CorsAnnotationSpecs.OriginGrammar().IsMatch(origin))
            {
                reader.Warn(new AnnotationException(reader.FieldFor(CorsAnnotationSpecs.AllowOrigin.Name),
                    $"origin \"{origin}\" is skipped: it must be {CorsAnnotationSpecs.AllowOrigin.GrammarText}"));
                continue;
            }
            if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                origins.Add(origin);
            }
        }
        return origins.ToEquatableArray();
    }
}
