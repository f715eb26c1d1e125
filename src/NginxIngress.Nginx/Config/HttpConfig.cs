using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>Process-wide and http{}-wide settings.</summary>
public sealed record HttpConfig
{
    public required string WorkerProcesses { get; init; }

    public required int WorkerConnections { get; init; }

    /// <summary>What the servers' <c>listen</c> says: a port, or <c>address:port</c>.</summary>
    public required string HttpListen { get; init; }

    /// <summary>Loopback port of the internal server that answers the config version (and nothing else).</summary>
    public required int StatusPort { get; init; }

    /// <summary>A path, or <c>off</c>.</summary>
    public required string AccessLog { get; init; }

    public required string ErrorLog { get; init; }

    public required string ErrorLogLevel { get; init; }

    public required int ServerNamesHashMaxSize { get; init; }

    public required int ServerNamesHashBucketSize { get; init; }

    /// <summary>Size, in megabytes, of the one shared memory zone all upstreams keep their state in.</summary>
    public required int UpstreamZoneMegabytes { get; init; }

    public required int UpstreamKeepaliveConnections { get; init; }

    public required TlsHttpConfig Tls { get; init; }

    /// <summary>The ConfigMap's proxy tuning (client_max_body_size, proxy timeouts and buffers…), for every location.</summary>
    public required EquatableArray<DirectiveConfig> ProxyDirectives { get; init; }

    /// <summary>The ConfigMap's http-snippet: raw directives at the end of the http block; null when none.</summary>
    public string? Snippet { get; init; }
}
