namespace NginxIngress.Nginx.Config;

/// <summary>The Ingress and Service behind a location, set as ingress-nginx's log variables.</summary>
public sealed record LocationOwner(string Namespace, string IngressName, string ServiceName, string ServicePort);
