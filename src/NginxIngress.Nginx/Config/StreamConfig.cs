using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>The <c>stream {}</c> block: TCP and UDP services. nginx.conf has none (and <see cref="NginxConfig.Modules"/> no stream module) while <see cref="Servers"/> is empty.</summary>
public sealed record StreamConfig
{
    public static readonly StreamConfig None = new() { Servers = EquatableArray<StreamServerConfig>.Empty, AccessLog = "off" };

    /// <summary>TCP by port, then UDP by port.</summary>
    public required EquatableArray<StreamServerConfig> Servers { get; init; }

    /// <summary>Whether nginx.conf has a stream block (and loads its module) at all.</summary>
    public bool HasServers => Servers.Count > 0;

    /// <summary>A path, or <c>off</c>: the http access log's, as ingress-nginx's stream block uses it.</summary>
    public required string AccessLog { get; init; }
}
