namespace NginxIngress.Nginx.Config;

public sealed record LocationConfig
{
    /// <summary><c>=</c>, <c>~*</c>, or empty for a prefix location.</summary>
    public required string Modifier { get; init; }

    /// <summary>The location's path or regex, unquoted.</summary>
    public required string Path { get; init; }

    /// <summary>Plain-HTTP requests get the HTTPS redirect (ssl-redirect with a <c>tls</c> entry, or force-ssl-redirect).</summary>
    public bool HttpsRedirect { get; init; }

    /// <summary>preserve-trailing-slash: the HTTPS redirect keeps the whole request URI.</summary>
    public bool PreserveTrailingSlash { get; init; }

    /// <summary>Who this location serves, for the log variables; null for the controller's own 404 location.</summary>
    public LocationOwner? Owner { get; init; }

    /// <summary>The upstream to proxy to; null when the location answers <see cref="ReturnStatus"/> itself.</summary>
    public string? Upstream { get; init; }

    /// <summary>How the request reaches <see cref="Upstream"/>; null exactly when Upstream is.</summary>
    public PassConfig? Pass { get; init; }

    /// <summary>404 for the default backend, 503 for a Service without ready endpoints.</summary>
    public int? ReturnStatus { get; init; }

    public RewriteConfig? Rewrite { get; init; }

    /// <summary>Answer with this redirect (code and URL) instead of proxying.</summary>
    public Core.Model.RedirectModel? Redirect { get; init; }

    /// <summary>app-root: a request for "/" is redirected (302) to <c>$scheme://$http_host</c> plus this path.</summary>
    public string? AppRoot { get; init; }

    /// <summary>upstream-vhost: the Host header for the backend; null sends the request's.</summary>
    public string? UpstreamVhost { get; init; }

    /// <summary>connection-proxy-header: the Connection header for the backend; null sends <c>$connection_upgrade</c>.</summary>
    public string? ConnectionHeader { get; init; }

    /// <summary>False prints <c>access_log off</c>.</summary>
    public bool AccessLog { get; init; } = true;

    /// <summary>
    /// The location sets request headers of its own, so it repeats the inherited list (nginx replaces, not merges); gRPC
    /// inherits none. A snippet may hold proxy_set_header, as ingress-nginx users' snippets often do, so a location with
    /// one repeats the list too.
    /// </summary>
    public bool SetsHeaders => ForwardedPrefix is not null || UpstreamVhost is not null || ConnectionHeader is not null || Pass is { IsGrpc: true } || Pass is { ServesFallback: true }
        || Snippets.Count > 0;

    /// <summary>Ranges answered 403 (<c>deny</c>), checked before <see cref="Allow"/>.</summary>
    public Core.Collections.EquatableArray<string> Deny { get; init; } = Core.Collections.EquatableArray<string>.Empty;

    /// <summary>When not empty, only these ranges are served (<c>allow</c> each, then <c>deny all</c>).</summary>
    public Core.Collections.EquatableArray<string> Allow { get; init; } = Core.Collections.EquatableArray<string>.Empty;

    public bool HasAllowList => Allow.Count > 0;

    /// <summary>The proxy tuning its Ingress's annotations change from the http level's; empty inherits everything.</summary>
    public Core.Collections.EquatableArray<DirectiveConfig> ProxyDirectives { get; init; } = Core.Collections.EquatableArray<DirectiveConfig>.Empty;

    /// <summary>
    /// Sent as X-Forwarded-Prefix; since proxy_set_header in a location replaces the inherited ones, the location
    /// repeats them all. Not named XForwardedPrefix: Scriban exposes that as <c>xforwarded_prefix</c>, and a
    /// template asking for <c>x_forwarded_prefix</c> silently reads null.
    /// </summary>
    public string? ForwardedPrefix { get; init; }

    /// <summary>enable-cors: the origin check, the headers and the preflight answer; null when off.</summary>
    public CorsConfig? Cors { get; init; }

    /// <summary>The ConfigMap's location-snippet, then the Ingress's configuration-snippet: raw directives, as written.</summary>
    public Core.Collections.EquatableArray<string> Snippets { get; init; } = Core.Collections.EquatableArray<string>.Empty;
}
