using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Model;

/// <summary>
/// A Service port with the endpoints that serve it. No endpoints means requests answer 503, as
/// ingress-nginx does for a Service without ready pods.
/// </summary>
public sealed record BackendModel
{
    public required BackendRef Ref { get; init; }

    /// <summary>Ready endpoints, sorted and without duplicates.</summary>
    public required EquatableArray<EndpointModel> Endpoints { get; init; }

    /// <summary>True for a Service of type ExternalName: the single endpoint is a DNS name.</summary>
    public bool IsExternalName { get; init; }

    /// <summary>load-balance, upstream-hash-by and service-upstream, as the oldest Ingress naming this port set them.</summary>
    public UpstreamModel Upstream { get; init; } = UpstreamModel.Default;
}
