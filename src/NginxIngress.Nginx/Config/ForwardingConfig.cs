using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>
/// How the X-Forwarded-* headers sent upstream are made (ingress-nginx's $pass_access_scheme, $pass_server_port,
/// $best_http_host and $full_x_forwarded_for maps), and whether the realip module rewrites <c>$remote_addr</c>.
/// </summary>
public sealed record ForwardingConfig
{
    /// <summary><c>use-forwarded-headers</c>: the client's X-Forwarded-Proto/-Port/-Host are passed on when present.</summary>
    public required bool TrustForwardedHeaders { get; init; }

    /// <summary>The X-Forwarded-For value sent upstream: <c>$remote_addr</c> or <c>$full_x_forwarded_for</c> (nginx syntax, ours).</summary>
    public required string ForwardedFor { get; init; }

    /// <summary>Whether <c>$full_x_forwarded_for</c> appends the PROXY protocol's address rather than the peer's.</summary>
    public required bool FullForwardedForFromProxyProtocol { get; init; }

    /// <summary>The variable of the incoming forwarded-for header, sent on as X-Original-Forwarded-For (ours: <c>$http_</c> and a checked name).</summary>
    public required string OriginalForwardedFor { get; init; }

    /// <summary><c>real_ip_header</c>'s value, or null when the realip module is off.</summary>
    public string? RealIpHeader { get; init; }

    /// <summary><c>set_real_ip_from</c> ranges.</summary>
    public required EquatableArray<string> RealIpFrom { get; init; }
}
