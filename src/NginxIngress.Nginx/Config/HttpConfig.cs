using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>Process-wide and http{}-wide settings.</summary>
public sealed record HttpConfig
{
    public required string WorkerProcesses { get; init; }

    public required int WorkerConnections { get; init; }

    /// <summary>An nginx time: how long old workers may drain after a reload.</summary>
    public required string WorkerShutdownTimeout { get; init; }

    /// <summary>The listeners of every server.</summary>
    public required ListenConfig Listen { get; init; }

    /// <summary>Loopback port of the internal server that answers the config version (and nothing else).</summary>
    public required int StatusPort { get; init; }

    public required LogConfig Log { get; init; }

    public required string ErrorLog { get; init; }

    public required string ErrorLogLevel { get; init; }

    public required int ServerNamesHashMaxSize { get; init; }

    public required int ServerNamesHashBucketSize { get; init; }

    /// <summary>Size, in megabytes, of the one shared memory zone all upstreams keep their state in.</summary>
    public required int UpstreamZoneMegabytes { get; init; }

    /// <summary>Null when <c>upstream-keepalive-connections</c> is 0: no keepalive cache.</summary>
    public UpstreamKeepaliveConfig? UpstreamKeepalive { get; init; }

    public required ForwardingConfig Forwarding { get; init; }

    /// <summary><c>generate-request-id</c>: a request without X-Request-ID gets <c>$request_id</c>.</summary>
    public required bool GenerateRequestId { get; init; }

    public required BlockConfig Blocks { get; init; }

    /// <summary>The ConfigMap's plain http{} directives (keepalive, client buffers and timeouts, server_tokens, gzip, hashes, limit statuses).</summary>
    public required EquatableArray<DirectiveConfig> Directives { get; init; }

    public required TlsHttpConfig Tls { get; init; }

    /// <summary>The ConfigMap's proxy tuning (client_max_body_size, proxy timeouts and buffers…), for every location.</summary>
    public required EquatableArray<DirectiveConfig> ProxyDirectives { get; init; }

    /// <summary>The ConfigMap's http-snippet: raw directives at the end of the http block; null when none.</summary>
    public string? Snippet { get; init; }
}
