namespace NginxIngress.Core.Model;

/// <summary>
/// A Service port as an Ingress backend names it. <see cref="Port"/> keeps the form the Ingress used,
/// a number or a port name, since two Ingresses may name the same port both ways.
/// </summary>
public sealed record BackendRef(string Namespace, string ServiceName, string Port)
{
    public override string ToString() => $"{Namespace}/{ServiceName}:{Port}";
}
