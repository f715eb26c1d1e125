using k8s.Models;
using NginxIngress.Core.Collections;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Which addresses the publish flags name, in ingress-nginx's order (internal/ingress/status/status.go
/// <c>runningAddresses</c> and <c>statusAddressFromService</c>). Pure: the writer fetches the Service.
/// </summary>
/// <remarks>
/// With neither flag, ingress-nginx's last fallback applies instead: the addresses of the nodes the ready controller
/// pods run on (<see cref="NodeAddressBuilder"/>; <see cref="IngressStatusOptions.PublishesNodeAddresses"/>).
/// </remarks>
public static class PublishedAddressBuilder
{
    /// <summary>
    /// <c>--publish-status-address</c> wins; else the <c>--publish-service</c> Service's addresses; else null, meaning
    /// "nothing to publish" (neither flag, or the Service is missing): the writer then writes nothing from here,
    /// rather than wiping what someone else may have set.
    /// </summary>
    public static EquatableArray<PublishedAddress>? Build(IngressStatusOptions options, V1Service? publishService)
    {
        if (!options.PublishStatusAddresses.IsDefaultOrEmpty)
        {
            return Canonical(options.PublishStatusAddresses.Select(PublishedAddress.Parse));
        }
        return options.PublishService is not null && publishService is not null ? FromService(publishService) : null;
    }

    /// <summary>
    /// The Service's load-balancer entries and external IPs together; when it has neither, an ExternalName Service's
    /// name, else the ClusterIP, except for a LoadBalancer still pending, which publishes nothing until it is assigned
    /// rather than announce an in-cluster address.
    /// </summary>
    public static EquatableArray<PublishedAddress> FromService(V1Service service)
    {
        var assigned = (service.Status?.LoadBalancer?.Ingress ?? [])
            .Select(entry => string.IsNullOrEmpty(entry.Ip)
                ? string.IsNullOrEmpty(entry.Hostname) ? null : PublishedAddress.FromHostname(entry.Hostname)
                : PublishedAddress.FromIp(entry.Ip))
            .OfType<PublishedAddress>()
            .Concat((service.Spec?.ExternalIPs ?? []).Select(PublishedAddress.Parse))
            .ToList();
        if (assigned.Count > 0)
        {
            return Canonical(assigned);
        }

        var spec = service.Spec;
        return spec?.Type switch
        {
            "ExternalName" when !string.IsNullOrEmpty(spec.ExternalName) => Canonical([PublishedAddress.FromHostname(spec.ExternalName)]),
            "LoadBalancer" => EquatableArray<PublishedAddress>.Empty,
            _ when !string.IsNullOrEmpty(spec?.ClusterIP) && spec.ClusterIP != "None" => Canonical([PublishedAddress.FromIp(spec.ClusterIP)]),
            _ => EquatableArray<PublishedAddress>.Empty,
        };
    }

    /// <summary>Sorted and without duplicates: the one form in which lists are compared and written.</summary>
    public static EquatableArray<PublishedAddress> Canonical(IEnumerable<PublishedAddress> addresses) =>
        addresses.Where(address => !string.IsNullOrEmpty(address.ToString())).Distinct().Order().ToEquatableArray();
}
