using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Config;

/// <summary>One TCP or UDP listener of the <c>stream {}</c> block and the upstream of its own that it proxies to.</summary>
public sealed record StreamServerConfig
{
    /// <summary>What <c>listen</c> says before its parameters: a port, or <c>address:port</c> with the bind-address.</summary>
    public required string Listen { get; init; }

    public required bool Udp { get; init; }

    /// <summary><c>listen … proxy_protocol</c>: clients send a PROXY protocol header.</summary>
    public required bool DecodeProxyProtocol { get; init; }

    /// <summary><c>proxy_protocol on</c>: the backend gets a PROXY protocol header.</summary>
    public required bool EncodeProxyProtocol { get; init; }

    public required string Upstream { get; init; }

    /// <summary><c>host:port</c> or <c>[v6]:port</c>; never empty.</summary>
    public required EquatableArray<string> Servers { get; init; }

    /// <summary>The ConfigMap entry behind the block, for the source map: <c>tcp-services 9000</c>.</summary>
    public required string Description { get; init; }

    /// <summary>The ConfigMap the entry is in; no Ingress owns a stream block.</summary>
    public required ObjectKey ConfigMap { get; init; }
}
