using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>
/// Everything nginx.conf says, as data, in the order it is written. Values here are raw: quoting happens
/// once, in <see cref="Rendering.NginxSyntax"/>, as the templates print them.
/// </summary>
public sealed record NginxConfig
{
    /// <summary>Absolute paths of the dynamic modules the config needs (<c>load_module</c>), in a fixed order.</summary>
    public EquatableArray<string> Modules { get; init; } = EquatableArray<string>.Empty;

    public required HttpConfig Http { get; init; }

    /// <summary>The catch-all server first, then by name.</summary>
    public required EquatableArray<ServerConfig> Servers { get; init; }

    public required EquatableArray<UpstreamConfig> Upstreams { get; init; }

    /// <summary>TCP and UDP services: the stream servers, printed after the http block.</summary>
    public StreamConfig Stream { get; init; } = StreamConfig.None;

    /// <summary>The files the config names (certificates and keys), by path; they are part of its version.</summary>
    public EquatableArray<BundleFile> Files { get; init; } = EquatableArray<BundleFile>.Empty;
}
