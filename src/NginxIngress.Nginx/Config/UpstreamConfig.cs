using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Nginx.Config;

public sealed record UpstreamConfig
{
    public required string Name { get; init; }

    /// <summary><c>host:port</c> or <c>[v6]:port</c>; never empty (a backend without endpoints gets no upstream).</summary>
    public required EquatableArray<string> Servers { get; init; }

    /// <summary>Every Ingress that proxies to this upstream, sorted: the suspects when nginx rejects a line of it.</summary>
    public required EquatableArray<ObjectKey> Ingresses { get; init; }
}
