namespace NginxIngress.Core.Model;

/// <summary>How a location's path is matched, after ImplementationSpecific has been mapped to Prefix as ingress-nginx does.</summary>
public enum PathMatch
{
    Exact,
    Prefix,
}
