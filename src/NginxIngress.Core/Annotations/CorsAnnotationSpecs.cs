using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// CORS (reference §2.1): <c>enable-cors</c> and the <c>cors-*</c> keys, Ingress-scoped, with ingress-nginx's defaults.
/// The list grammars need a separator between words, so they cannot backtrack badly on a long hostile value.
/// </summary>
public static partial class CorsAnnotationSpecs
{
    public const string DefaultMethods = "GET, PUT, POST, DELETE, PATCH, OPTIONS";

    public const string DefaultHeaders = "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization";

    public static AnnotationSpec EnableCors { get; } = new("enable-cors", null, AnnotationScope.Ingress, AnnotationRisk.Low,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "false", "Cors",
        "Answers CORS preflight requests (OPTIONS) with 204 and adds the Access-Control-* headers to the other responses.");

    public static AnnotationSpec AllowOrigin { get; } = new("cors-allow-origin", null, AnnotationScope.Ingress, AnnotationRisk.Medium,
        OriginListGrammar(), "\"*\", or comma-separated origins such as https://app.example.com:8443 or https://*.example.com (one wildcard label)", "*", "Cors",
        "Origins allowed; a listed origin is echoed back in Access-Control-Allow-Origin. An origin of the wrong shape is skipped with a warning, as ingress-nginx does.");

    public static AnnotationSpec AllowMethods { get; } = new("cors-allow-methods", null, AnnotationScope.Ingress, AnnotationRisk.Medium,
        MethodListGrammar(), "method names of letters, separated by commas or spaces", DefaultMethods, "Cors",
        "Access-Control-Allow-Methods.");

    public static AnnotationSpec AllowHeaders { get; } = new("cors-allow-headers", null, AnnotationScope.Ingress, AnnotationRisk.Medium,
        HeaderListGrammar(), "header names of letters, digits, \"-\" and \"_\", separated by commas or spaces", DefaultHeaders, "Cors",
        "Access-Control-Allow-Headers.");

    public static AnnotationSpec ExposeHeaders { get; } = new("cors-expose-headers", null, AnnotationScope.Ingress, AnnotationRisk.Medium,
        ExposeListGrammar(), "header names of letters, digits, \"-\" and \"_\", or \"*\", separated by commas or spaces", "(none)", "Cors",
        "Access-Control-Expose-Headers; not sent when empty.");

    public static AnnotationSpec AllowCredentials { get; } = new("cors-allow-credentials", null, AnnotationScope.Ingress, AnnotationRisk.Low,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "true", "Cors",
        "Sends Access-Control-Allow-Credentials: true.");

    public static AnnotationSpec MaxAge { get; } = new("cors-max-age", null, AnnotationScope.Ingress, AnnotationRisk.Low,
        SecondsGrammar(), "a whole number of seconds", "1728000", "Cors",
        "Access-Control-Max-Age: how long a browser may cache the preflight answer.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [EnableCors, AllowOrigin, AllowMethods, AllowHeaders, ExposeHeaders, AllowCredentials, MaxAge];

    /// <summary>Only the characters an origin list can hold; each origin is then checked on its own (<see cref="OriginGrammar"/>).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9*.:/\-, ]{1,4096}\z")]
    private static partial Regex OriginListGrammar();

    /// <summary>One origin: an optional scheme, an optional leading <c>*.</c> label, a host, an optional port; or <c>*</c>.</summary>
    [GeneratedRegex(@"^(?:\*|(?:[A-Za-z][A-Za-z0-9+.\-]{0,30}://)?(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?)\z")]
    internal static partial Regex OriginGrammar();

    [GeneratedRegex(@"^[A-Za-z]{1,32}(?:(?:, *| +)[A-Za-z]{1,32}){0,63},? *\z")]
    private static partial Regex MethodListGrammar();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,128}(?:(?:, *| +)[A-Za-z0-9_\-]{1,128}){0,127},? *\z")]
    private static partial Regex HeaderListGrammar();

    [GeneratedRegex(@"^(?:\*|[A-Za-z0-9_\-]{1,128})(?:(?:, *| +)(?:\*|[A-Za-z0-9_\-]{1,128})){0,127},? *\z")]
    private static partial Regex ExposeListGrammar();

    [GeneratedRegex(@"^[0-9]{1,9}\z")]
    private static partial Regex SecondsGrammar();
}
