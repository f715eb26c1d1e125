using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Model;

/// <summary>One path of one host, after conflicts are resolved.</summary>
public sealed record LocationModel
{
    /// <summary>The path as the Ingress wrote it; on a regex host it is a regular expression.</summary>
    public required string Path { get; init; }

    public required PathMatch Match { get; init; }

    /// <summary>The Service port to proxy to; null means the controller's default backend, which answers 404.</summary>
    public required BackendRef? Backend { get; init; }

    /// <summary>The Ingress that defined this path; null for the root location the controller adds.</summary>
    public required ObjectKey? Ingress { get; init; }

    public RewriteModel? Rewrite { get; init; }

    /// <summary>True for the <c>/</c> location added to every host that no Ingress gives a <c>/</c> prefix path.</summary>
    public bool IsDefaultRoot { get; init; }

    /// <summary><c>ssl-redirect</c> as its Ingress (or the ConfigMap) says: redirect HTTP to HTTPS when the host has a <c>tls</c> entry.</summary>
    public bool SslRedirect { get; init; } = true;

    /// <summary><c>force-ssl-redirect</c>: redirect HTTP to HTTPS whatever the host's <c>tls</c> entries.</summary>
    public bool ForceSslRedirect { get; init; }

    /// <summary>permanent-redirect or temporal-redirect: answer with this redirect instead of proxying.</summary>
    public RedirectModel? Redirect { get; init; }

    /// <summary>app-root: a request for "/" is redirected (302) to this path.</summary>
    public string? AppRoot { get; init; }

    /// <summary>upstream-vhost: the Host header sent to the backend; null sends the request's.</summary>
    public string? UpstreamVhost { get; init; }

    /// <summary>connection-proxy-header: the Connection header sent to the backend; null sends the default.</summary>
    public string? ConnectionHeader { get; init; }

    /// <summary>enable-access-log: false turns the access log off for this location.</summary>
    public bool AccessLog { get; init; } = true;

    /// <summary>Source ranges allowed and denied: its Ingress's annotations, else the ConfigMap's lists.</summary>
    public AccessModel Access { get; init; } = AccessModel.Open;

    /// <summary>Proxy tuning: its Ingress's proxy-* annotations over the ConfigMap's values.</summary>
    public ProxyModel Proxy { get; init; } = ProxyModel.Default;

    /// <summary>preserve-trailing-slash: the HTTPS redirect keeps the request URI whole.</summary>
    public bool PreserveTrailingSlash { get; init; }

    /// <summary>CORS as its Ingress enables it; null when off.</summary>
    public CorsModel? Cors { get; init; }

    /// <summary>configuration-snippet: raw nginx directives its Ingress adds (only when the snippet gates are open).</summary>
    public string? Snippet { get; init; }

    /// <summary>backend-protocol: how nginx talks to <see cref="Backend"/>.</summary>
    public BackendProtocol Protocol { get; init; } = BackendProtocol.Http;

    /// <summary>
    /// The default-backend annotation's Service port: it serves when <see cref="Backend"/> has no ready endpoints,
    /// and receives the <see cref="CustomHttpErrors"/>. Null: nginx answers those itself.
    /// </summary>
    public BackendRef? DefaultBackend { get; init; }

    /// <summary>custom-http-errors: backend responses with these codes are replaced by the default backend's answer.</summary>
    public Collections.EquatableArray<int> CustomHttpErrors { get; init; } = Collections.EquatableArray<int>.Empty;
}
