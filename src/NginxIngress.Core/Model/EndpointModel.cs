namespace NginxIngress.Core.Model;

/// <summary>One ready endpoint: an IP address (or, for an ExternalName Service, a DNS name) and a port.</summary>
public sealed record EndpointModel(string Address, int Port);
