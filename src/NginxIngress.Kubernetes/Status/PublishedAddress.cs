using System.Net;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// One entry of an Ingress's <c>status.loadBalancer.ingress</c>: an IP or a hostname, never both. Ordered by IP, then
/// hostname, so a published list has one canonical order and comparing two lists is plain sequence equality.
/// </summary>
public sealed record PublishedAddress : IComparable<PublishedAddress>
{
    private PublishedAddress(string? ip, string? hostname)
    {
        Ip = ip;
        Hostname = hostname;
    }

    public string? Ip { get; }

    public string? Hostname { get; }

    public static PublishedAddress FromIp(string ip) => new(ip, null);

    public static PublishedAddress FromHostname(string hostname) => new(null, hostname);

    /// <summary>An IP literal becomes an IP entry and anything else a hostname, as ingress-nginx's <c>statusAddress</c> does.</summary>
    public static PublishedAddress Parse(string value)
    {
        var trimmed = value.Trim();
        return IPAddress.TryParse(trimmed, out _) ? FromIp(trimmed) : FromHostname(trimmed);
    }

    public int CompareTo(PublishedAddress? other)
    {
        if (other is null)
        {
            return 1;
        }
        // IPs before hostnames (a null compares lowest, so compare the kind first).
        var byKind = (Ip is null).CompareTo(other.Ip is null);
        if (byKind != 0)
        {
            return byKind;
        }
        var byIp = string.CompareOrdinal(Ip, other.Ip);
        return byIp != 0 ? byIp : string.CompareOrdinal(Hostname, other.Hostname);
    }

    public override string ToString() => Ip ?? Hostname ?? "";
}
