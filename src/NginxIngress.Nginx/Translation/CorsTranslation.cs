using System.Globalization;
using System.Text.RegularExpressions;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>CORS onto nginx: ingress-nginx's origin regex and header list (its buildCorsOriginRegex and CORS template).</summary>
internal static class CorsTranslation
{
    public static CorsConfig For(CorsModel cors)
    {
        var headers = new List<string>();
        if (cors.AllowCredentials)
        {
            headers.Add("Access-Control-Allow-Credentials: true");
        }
        headers.Add($"Access-Control-Allow-Methods: {cors.AllowMethods}");
        headers.Add($"Access-Control-Allow-Headers: {cors.AllowHeaders}");
        if (cors.ExposeHeaders.Length > 0)
        {
            headers.Add($"Access-Control-Expose-Headers: {cors.ExposeHeaders}");
        }
        headers.Add($"Access-Control-Max-Age: {cors.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}");
        return new CorsConfig
        {
            OriginPattern = cors.AnyOrigin || cors.Origins.Count == 0 ? null : OriginPattern(cors.Origins),
            NoOrigin = cors.Origins.Count == 0,
            Headers = headers.ToEquatableArray(),
        };
    }

    /// <summary>
    /// Each origin literally, but a <c>*.</c> label matches one label of letters, digits and "-", and an origin written
    /// without a scheme (ingress-nginx's docs show <c>myapp.local:8080</c>) matches it under any scheme. Anchored at both
    /// ends: ingress-nginx anchored only the end, so <c>https://evilmyapp.local:8080</c> also matched.
    /// </summary>
    private static string OriginPattern(IEnumerable<string> origins) =>
        "^(" + string.Join('|', origins.Select(OriginRegex)) + ")$";

    private static string OriginRegex(string origin)
    {
        var literal = Regex.Escape(origin).Replace(@"\*", "[A-Za-z0-9-]+", StringComparison.Ordinal);
        return origin.Contains("://", StringComparison.Ordinal) ? literal : "[a-z][a-z0-9+.-]*://" + literal;
    }
}
