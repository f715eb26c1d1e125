using k8s.Models;

namespace NginxIngress.TestKit.Objects;

/// <summary>Builds a v1 Service for tests: ClusterIP by default, or ExternalName.</summary>
public sealed class ServiceBuilder(string name, string ns = "default")
{
    private readonly List<V1ServicePort> _ports = [];
    private string? _externalName;

    /// <param name="targetPort">A number or a container port name such as <c>flask-port</c>; null leaves it unset.</param>
    public ServiceBuilder Port(int port, string? name = null, string? targetPort = null)
    {
        _ports.Add(new V1ServicePort
        {
            Port = port,
            Name = name,
            Protocol = "TCP",
            // IntOrString converts implicitly from both; a numeric text is a number, as kubectl reads it.
            TargetPort = targetPort is null ? null : int.TryParse(targetPort, out var number) ? (IntOrString)number : (IntOrString)targetPort,
        });
        return this;
    }

    public ServiceBuilder ExternalName(string host)
    {
        _externalName = host;
        return this;
    }

    public V1Service Build() => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            Type = _externalName is null ? "ClusterIP" : "ExternalName",
            ExternalName = _externalName,
            Ports = _ports.Count == 0 ? null : [.. _ports],
        },
    };
}
