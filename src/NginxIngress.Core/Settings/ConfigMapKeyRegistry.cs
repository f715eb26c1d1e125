namespace NginxIngress.Core.Settings;

/// <summary>
/// Every key of the <c>--configmap</c> ConfigMap this controller reads, with ingress-nginx's defaults (reference §3).
/// The readers take each key's name and rule text from here, and <c>docs/annotations.md</c> is generated from it.
/// </summary>
public static class ConfigMapKeyRegistry
{
    private const string Boolean = "\"true\" or \"false\"";

    public static ConfigMapKeySpec AnnotationsRiskLevel { get; } = new("annotations-risk-level", "one of Low, Medium, High or Critical", "High",
        "Annotations whose risk is above this level are refused, and their Ingress is not served.");

    public static ConfigMapKeySpec AllowSnippetAnnotations { get; } = new("allow-snippet-annotations", Boolean, "false",
        "Reads the snippet annotations (configuration-snippet, server-snippet); they also need annotations-risk-level Critical. When false they are ignored with a warning.");

    public static ConfigMapKeySpec AnnotationValueWordBlocklist { get; } = new("annotation-value-word-blocklist", "comma-separated words (any text)", "(none)",
        "An Ingress with any annotation whose value contains one of these words (case-sensitive) is not served. Suggested: load_module,lua_package,_by_lua,location,root,proxy_pass,serviceaccount,{,},',\"");

    public static ConfigMapKeySpec HttpSnippet { get; } = new("http-snippet", Annotations.SnippetRules.GrammarText, "(none)",
        "nginx directives pasted into the http block. Not gated: the ConfigMap's editors control the controller anyway.");

    public static ConfigMapKeySpec ServerSnippet { get; } = new("server-snippet", Annotations.SnippetRules.GrammarText, "(none)",
        "nginx directives pasted into every server, before an Ingress's own server-snippet.");

    public static ConfigMapKeySpec LocationSnippet { get; } = new("location-snippet", Annotations.SnippetRules.GrammarText, "(none)",
        "nginx directives pasted into every location, before an Ingress's own configuration-snippet.");

    public static ConfigMapKeySpec SslRedirect { get; } = new("ssl-redirect", Boolean, "true",
        "Default of the ssl-redirect annotation: redirect plain HTTP to HTTPS on hosts with a tls entry.");

    public static ConfigMapKeySpec ForceSslRedirect { get; } = new("force-ssl-redirect", Boolean, "false",
        "Default of the force-ssl-redirect annotation: redirect plain HTTP to HTTPS on every host.");

    public static ConfigMapKeySpec HttpRedirectCode { get; } = new("http-redirect-code", "one of 301, 302, 307 or 308", "308",
        "The status of the HTTPS redirect.");

    public static ConfigMapKeySpec NoTlsRedirectLocations { get; } = new("no-tls-redirect-locations", "comma-separated paths of letters, digits and \"/-._~\"",
        "/.well-known/acme-challenge", "Path prefixes never redirected to HTTPS, so ACME HTTP-01 challenges reach their solver.");

    public static ConfigMapKeySpec Hsts { get; } = new("hsts", Boolean, "true", "Send Strict-Transport-Security on HTTPS responses (never over HTTP).");

    public static ConfigMapKeySpec HstsMaxAge { get; } = new("hsts-max-age", "a whole number of seconds", "31536000", "HSTS max-age.");

    public static ConfigMapKeySpec HstsIncludeSubdomains { get; } = new("hsts-include-subdomains", Boolean, "true", "Adds includeSubDomains to HSTS.");

    public static ConfigMapKeySpec HstsPreload { get; } = new("hsts-preload", Boolean, "false", "Adds preload to HSTS.");

    public static ConfigMapKeySpec SslProtocols { get; } = new("ssl-protocols", "space-separated protocols among TLSv1, TLSv1.1, TLSv1.2 and TLSv1.3",
        "TLSv1.2 TLSv1.3", "ssl_protocols.");

    public static ConfigMapKeySpec SslCiphers { get; } = new("ssl-ciphers", "an OpenSSL cipher list: letters, digits and \"-_+:!@=.\"",
        "ingress-nginx's ECDHE/DHE AES-GCM and CHACHA20 list", "ssl_ciphers.");

    public static ConfigMapKeySpec SslSessionCache { get; } = new("ssl-session-cache", Boolean, "true", "A shared TLS session cache.");

    public static ConfigMapKeySpec SslSessionCacheSize { get; } = new("ssl-session-cache-size", "an nginx size such as 10m", "10m", "Its size.");

    public static ConfigMapKeySpec SslSessionTimeout { get; } = new("ssl-session-timeout", "an nginx time such as 10m", "10m", "ssl_session_timeout.");

    public static ConfigMapKeySpec SslSessionTickets { get; } = new("ssl-session-tickets", Boolean, "false", "ssl_session_tickets.");

    public static ConfigMapKeySpec SslPreferServerCiphers { get; } = new("ssl-prefer-server-ciphers", Boolean, "true", "ssl_prefer_server_ciphers.");

    public static ConfigMapKeySpec UseHttp2 { get; } = new("use-http2", Boolean, "true", "HTTP/2 on the HTTPS listener.");

    public static IReadOnlyList<ConfigMapKeySpec> All { get; } =
    [
        AnnotationsRiskLevel, AllowSnippetAnnotations, AnnotationValueWordBlocklist, HttpSnippet, ServerSnippet, LocationSnippet, SslRedirect, ForceSslRedirect, HttpRedirectCode, NoTlsRedirectLocations, Hsts, HstsMaxAge, HstsIncludeSubdomains, HstsPreload,
        SslProtocols, SslCiphers, SslSessionCache, SslSessionCacheSize, SslSessionTimeout, SslSessionTickets, SslPreferServerCiphers, UseHttp2,
        // The proxy tuning keys are the annotations' defaults: same names, same grammars.
        .. Annotations.ProxyAnnotationSpecs.All.Select(spec => new ConfigMapKeySpec(spec.ConfigMapKey!, spec.GrammarText, spec.Default, $"Default of the {spec.Name} annotation: {spec.Meaning}")),
        new("whitelist-source-range", Annotations.AccessAnnotationSpecs.CidrListText, "(none)",
            "Only clients from these ranges reach any location whose Ingress sets no allowlist-source-range; others get 403."),
        new("denylist-source-range", Annotations.AccessAnnotationSpecs.CidrListText, "(none)",
            "Clients from these ranges get 403 on every location whose Ingress sets no denylist-source-range."),
        .. new[] { Annotations.UpstreamAnnotationSpecs.LoadBalance, Annotations.UpstreamAnnotationSpecs.CustomHttpErrors }
            .Select(spec => new ConfigMapKeySpec(spec.ConfigMapKey!, spec.GrammarText, spec.Default, $"Default of the {spec.Name} annotation: {spec.Meaning}")),
        .. HttpConfigMapKeys.All,
    ];
}
