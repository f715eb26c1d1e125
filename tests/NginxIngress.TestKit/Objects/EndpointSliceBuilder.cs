using k8s.Models;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// Builds a discovery.k8s.io/v1 EndpointSlice for tests, labelled for <paramref name="service"/> as the
/// EndpointSlice controller labels it.
/// </summary>
public sealed class EndpointSliceBuilder(string name, string service, string ns = "default")
{
    private readonly List<Discoveryv1EndpointPort> _ports = [];
    private readonly List<V1Endpoint> _endpoints = [];
    private string _addressType = "IPv4";

    public EndpointSliceBuilder AddressType(string addressType)
    {
        _addressType = addressType;
        return this;
    }

    /// <param name="name">The Service port's name (empty for an unnamed port), as the EndpointSlice controller copies it.</param>
    public EndpointSliceBuilder Port(string? name, int port)
    {
        _ports.Add(new Discoveryv1EndpointPort { Name = name, Port = port, Protocol = "TCP" });
        return this;
    }

    /// <param name="ready">The ready condition; null leaves it unset, which the API says to read as ready.</param>
    public EndpointSliceBuilder Endpoint(string address, bool? ready = true)
    {
        _endpoints.Add(new V1Endpoint { Addresses = [address], Conditions = new V1EndpointConditions { Ready = ready } });
        return this;
    }

    public V1EndpointSlice Build() => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        AddressType = _addressType,
        Ports = _ports.Count == 0 ? null : [.. _ports],
        Endpoints = [.. _endpoints],
    };
}
