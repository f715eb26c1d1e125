using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Model;

/// <summary>
/// One entry of the <c>--tcp-services-configmap</c> or <c>--udp-services-configmap</c> ConfigMap that nginx serves:
/// a listener on <see cref="Port"/> that proxies raw TCP connections (or UDP datagrams) to a Service port's ready
/// endpoints. Only entries with at least one endpoint become a model, as in ingress-nginx.
/// </summary>
public sealed record StreamServiceModel
{
    public required StreamProtocol Protocol { get; init; }

    /// <summary>The port nginx listens on: the ConfigMap key.</summary>
    public required int Port { get; init; }

    /// <summary>The Service port (its number, whichever way the entry named it) and its ready endpoints, never empty.</summary>
    public required BackendModel Backend { get; init; }

    /// <summary>The first <c>PROXY</c>: the listener expects the PROXY protocol header from its clients (TCP only).</summary>
    public bool DecodeProxyProtocol { get; init; }

    /// <summary>The second <c>PROXY</c>: nginx sends a PROXY protocol header to the backend (TCP only).</summary>
    public bool EncodeProxyProtocol { get; init; }

    /// <summary>The ConfigMap the entry is in: the owner of its lines of nginx.conf.</summary>
    public required ObjectKey ConfigMap { get; init; }
}
