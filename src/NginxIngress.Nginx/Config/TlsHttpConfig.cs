using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>The http{}-wide HTTPS settings, from the ConfigMap's <c>ssl-*</c>, <c>hsts*</c> and redirect keys.</summary>
public sealed record TlsHttpConfig
{
    public required bool Http2 { get; init; }

    /// <summary>The certificate of unknown names, clients without SNI and hosts without a usable certificate.</summary>
    public required string DefaultCertificateFile { get; init; }

    public required EquatableArray<string> Protocols { get; init; }

    public required string Ciphers { get; init; }

    public required bool PreferServerCiphers { get; init; }

    /// <summary>The <c>ssl_session_cache</c> value: <c>shared:SSL:&lt;size&gt;</c> or <c>off</c>.</summary>
    public required string SessionCache { get; init; }

    public required string SessionTimeout { get; init; }

    public required bool SessionTickets { get; init; }

    /// <summary>The Strict-Transport-Security value sent on HTTPS responses; null sends none.</summary>
    public string? HstsHeader { get; init; }

    public required int RedirectCode { get; init; }

    /// <summary><c>:port</c> when HTTPS is not on 443, so the redirect reaches it; else empty.</summary>
    public required string RedirectPortSuffix { get; init; }

    /// <summary>A regex of the path prefixes never redirected (<c>no-tls-redirect-locations</c>).</summary>
    public required string RedirectExemptPattern { get; init; }
}
