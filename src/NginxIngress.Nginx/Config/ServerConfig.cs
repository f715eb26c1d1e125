using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Config;

public sealed record ServerConfig
{
    /// <summary>A literal host, or a regex (starting with <c>~</c>) for a one-label wildcard host.</summary>
    public required string ServerName { get; init; }

    /// <summary>More literal names for the same server (<c>server-alias</c>).</summary>
    public EquatableArray<string> Aliases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The catch-all: <c>default_server</c> on the listen port, <c>server_name _</c>.</summary>
    public required bool IsDefault { get; init; }

    public required EquatableArray<LocationConfig> Locations { get; init; }

    /// <summary>The named locations the custom-http-errors of this server's locations go to, sorted by name.</summary>
    public EquatableArray<ErrorPageConfig> ErrorLocations { get; init; } = EquatableArray<ErrorPageConfig>.Empty;

    /// <summary>The host's own certificate and key (one PEM file); null serves the default certificate.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>from-to-www-redirect: the host every request is redirected to; such a server has no locations.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>The ConfigMap's server-snippet, then the oldest Ingress's server-snippet for this host: raw directives.</summary>
    public EquatableArray<string> Snippets { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// Every Ingress with a location here, sorted: a rejected line in the server block itself (outside any
    /// location) can only be traced this far, so these are the suspects.
    /// </summary>
    public required EquatableArray<ObjectKey> Ingresses { get; init; }
}
