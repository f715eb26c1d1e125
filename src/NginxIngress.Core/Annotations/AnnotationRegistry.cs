using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Every annotation this controller reads, with ingress-nginx's names, risk levels (reference §2.1) and allow-lists
/// (its parser/validators.go). An annotation missing here is not read at all. Parsers look their specs up by name.
/// </summary>
public static partial class AnnotationRegistry
{
    /// <summary>Go's strconv.ParseBool spellings, as ingress-nginx users wrote them.</summary>
    private const string BooleanText = "\"true\" or \"false\" (also 1/0, t/f, TRUE/FALSE, True/False)";

    public static AnnotationSpec RewriteTarget { get; } = new(
        "rewrite-target", null, AnnotationScope.Ingress, AnnotationRisk.Medium, RewriteTargetGrammar(),
        "a path of letters, digits, \"/\" and \"-._~:\", with capture references $1 to $9 (ingress-nginx's RegexPathWithCapture, less any other \"$\")", "(none)",
        "Rewrite",
        "Rewrites the path sent to the backend. Active only when it differs from the Ingress path; an active rewrite makes every path of the host a regex.");

    public static AnnotationSpec UseRegex { get; } = new(
        "use-regex", null, AnnotationScope.Ingress, AnnotationRisk.Low, BooleanGrammar(), BooleanText, "false",
        "Rewrite",
        "Treats the Ingress's paths as regular expressions; every path of the same host becomes a case-insensitive regex.");

    public static AnnotationSpec XForwardedPrefix { get; } = new(
        "x-forwarded-prefix", null, AnnotationScope.Location, AnnotationRisk.Medium, ForwardedPrefixGrammar(),
        "a path of letters, digits, \"/\" and \"-._~\"", "(none)",
        "Rewrite",
        "Sends X-Forwarded-Prefix with this value to the backend, on locations with an active rewrite.");

    public static AnnotationSpec SslRedirect { get; } = new(
        "ssl-redirect", "ssl-redirect", AnnotationScope.Location, AnnotationRisk.Low, BooleanGrammar(), BooleanText, "true",
        "Tls",
        "Redirects plain HTTP to HTTPS (http-redirect-code, 308) on hosts with a tls entry.");

    public static AnnotationSpec ForceSslRedirect { get; } = new(
        "force-ssl-redirect", "force-ssl-redirect", AnnotationScope.Location, AnnotationRisk.Medium, BooleanGrammar(), BooleanText, "false",
        "Tls",
        "Redirects plain HTTP to HTTPS even on hosts without a tls entry (TLS ended before nginx).");

    public static IReadOnlyList<AnnotationSpec> All { get; } =
    [
        RewriteTarget, UseRegex, XForwardedPrefix, SslRedirect, ForceSslRedirect,
        .. ProxyAnnotationSpecs.All,
        .. AccessAnnotationSpecs.All,
        .. RedirectAnnotationSpecs.All,
        .. BackendAnnotationSpecs.All,
        .. UpstreamAnnotationSpecs.All,
        .. ServerAnnotationSpecs.All,
        .. CorsAnnotationSpecs.All,
        .. SnippetAnnotationSpecs.All,
    ];

    /// <summary>
    /// ingress-nginx's RegexPathWithCapture allows "$" anywhere. nginx expands the rewrite replacement, so
    /// "/$http_authorization" would copy a request header into the upstream path, and a "$" followed by no name
    /// fails nginx -t. Only the capture references $1-$9 are needed (nginx 1.22 reads "${1}" as a variable named
    /// "1" and refuses it, as it refuses "$0").
    /// </summary>
    [GeneratedRegex(@"^/?([-._~a-zA-Z0-9/:]|\$[1-9])*\z")]
    private static partial Regex RewriteTargetGrammar();

    [GeneratedRegex(@"^/?[-._~a-zA-Z0-9/]*\z")]
    private static partial Regex ForwardedPrefixGrammar();

    [GeneratedRegex(@"^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)\z")]
    internal static partial Regex BooleanGrammar();
}
