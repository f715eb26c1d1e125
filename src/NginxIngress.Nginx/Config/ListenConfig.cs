using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>What every server's <c>listen</c> lines say: <c>port</c>, <c>address:port</c> or <c>[address]:port</c>, IPv4 ones first.</summary>
public sealed record ListenConfig
{
    public required EquatableArray<string> Http { get; init; }

    public required EquatableArray<string> Https { get; init; }

    /// <summary><c>use-proxy-protocol</c>: every listener expects the PROXY protocol.</summary>
    public required bool ProxyProtocol { get; init; }
}
