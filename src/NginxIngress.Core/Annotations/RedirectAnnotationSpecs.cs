using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Redirect annotations (reference §2.1, "Redirects"): <c>permanent-redirect</c> and <c>temporal-redirect</c> with
/// their codes, and <c>app-root</c>. The URL grammar is strict: an http(s) URL without quotes, spaces, semicolons,
/// braces or <c>$</c>, since <c>permanent-redirect</c> was an injection vector (CVE-2023-5044).
/// </summary>
public static partial class RedirectAnnotationSpecs
{
    public const string UrlText = "an http:// or https:// URL of letters, digits and \"-._~/%?&=+:@!,#\" (no quotes, spaces, \";\", braces or \"$\")";

    public static AnnotationSpec PermanentRedirect { get; } = new("permanent-redirect", null, AnnotationScope.Location, AnnotationRisk.Medium,
        UrlGrammar(), UrlText, "(none)", "Redirect", "Answers every request of the Ingress's paths with a redirect to this URL.");

    public static AnnotationSpec PermanentRedirectCode { get; } = new("permanent-redirect-code", null, AnnotationScope.Location, AnnotationRisk.Low,
        PermanentCodeGrammar(), "a status from 300 to 308", "301", "Redirect", "The status of permanent-redirect.");

    public static AnnotationSpec TemporalRedirect { get; } = new("temporal-redirect", null, AnnotationScope.Location, AnnotationRisk.Medium,
        UrlGrammar(), UrlText, "(none)", "Redirect", "Like permanent-redirect, with a temporary status; wins over permanent-redirect.");

    public static AnnotationSpec TemporalRedirectCode { get; } = new("temporal-redirect-code", null, AnnotationScope.Location, AnnotationRisk.Low,
        TemporalCodeGrammar(), "a status from 300 to 307", "302", "Redirect", "The status of temporal-redirect.");

    public static AnnotationSpec AppRoot { get; } = new("app-root", null, AnnotationScope.Ingress, AnnotationRisk.Medium,
        PathGrammar(), "a path of letters, digits, \"/\" and \"-._~\"", "(none)", "Redirect",
        "Redirects requests for \"/\" to this path (302).");

    public static AnnotationSpec FromToWwwRedirect { get; } = new("from-to-www-redirect", null, AnnotationScope.Server, AnnotationRisk.Low,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "false", "Redirect",
        "Adds a server for www.<host> (or <host> for a www. host) that redirects there with http-redirect-code (308), unless that name is served already.");

    public static AnnotationSpec PreserveTrailingSlash { get; } = new("preserve-trailing-slash", null, AnnotationScope.Location, AnnotationRisk.Medium,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "false", "Redirect",
        "Keeps a trailing slash in the HTTPS redirect's target (by default one is removed).");

    public static IReadOnlyList<AnnotationSpec> All { get; } =
        [PermanentRedirect, PermanentRedirectCode, TemporalRedirect, TemporalRedirectCode, AppRoot, FromToWwwRedirect, PreserveTrailingSlash];

    [GeneratedRegex(@"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?([/?#][A-Za-z0-9\-._~/%?&=+:@!,#]*)?\z")]
    private static partial Regex UrlGrammar();

    [GeneratedRegex(@"^30[0-8]\z")]
    private static partial Regex PermanentCodeGrammar();

    [GeneratedRegex(@"^30[0-7]\z")]
    private static partial Regex TemporalCodeGrammar();

    [GeneratedRegex(@"^/[-._~a-zA-Z0-9/]*\z")]
    private static partial Regex PathGrammar();
}
