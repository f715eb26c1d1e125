using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Config;

public sealed record UpstreamConfig
{
    /// <summary>The plain name, <c>namespace.service.port</c>, which logs and <c>$proxy_upstream_name</c> show.</summary>
    public required string Name { get; init; }

    /// <summary>What the <c>upstream{}</c> block and its <c>proxy_pass</c> say (<see cref="Translation.NginxNames.UpstreamBlock"/>).</summary>
    public required string BlockName { get; init; }

    /// <summary><c>host:port</c> or <c>[v6]:port</c>; never empty (a backend without endpoints gets no upstream).</summary>
    public required EquatableArray<string> Servers { get; init; }

    /// <summary>upstream-hash-by: <c>hash &lt;key&gt; consistent</c>, before keepalive as nginx requires; wins over <see cref="LeastConn"/>.</summary>
    public string? HashKey { get; init; }

    /// <summary>load-balance ewma, which OSS nginx lacks, as its nearest algorithm <c>least_conn</c>.</summary>
    public bool LeastConn { get; init; }

    /// <summary>Every Ingress that proxies to this upstream, sorted: the suspects when nginx rejects a line of it.</summary>
    public required EquatableArray<ObjectKey> Ingresses { get; init; }
}
