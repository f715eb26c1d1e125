using k8s.Models;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// A Service with one port and the EndpointSlice that serves it: what most routing tests need so that no
/// "backend unavailable" warning gets in the way.
/// </summary>
public sealed record Workload(V1Service Service, V1EndpointSlice Slice)
{
    /// <summary>Service <paramref name="name"/> port <paramref name="port"/> (unnamed), served on <paramref name="address"/>:8080.</summary>
    public static Workload Create(string name = "web", int port = 80, string address = "10.0.0.1", string ns = "default") =>
        new(new ServiceBuilder(name, ns).Port(port, targetPort: "8080").Build(),
            new EndpointSliceBuilder($"{name}-1", name, ns).Port(null, 8080).Endpoint(address).Build());
}
