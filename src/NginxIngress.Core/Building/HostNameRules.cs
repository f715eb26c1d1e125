using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NginxIngress.Core.Building;

/// <summary>
/// The allow-list for hosts: a lowercase DNS-1123 subdomain, optionally behind a single <c>*.</c> wildcard
/// label (the Ingress API's rule). A bare <c>*</c> or an IP address is not a host.
/// </summary>
public static partial class HostNameRules
{
    private const int MaxLength = 253;

    public static bool IsWildcard(string host) => host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Returns null when <paramref name="host"/> is acceptable, else the reason it is not.</summary>
    public static string? Check(string host)
    {
        if (host.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }
        var name = IsWildcard(host) ? host[2..] : host;
        if (!Subdomain().IsMatch(name))
        {
            return "must be a lowercase DNS name (letters, digits, '-' and '.'), optionally starting with a one-label wildcard \"*.\"";
        }
        return name.Split('.').Any(label => label.Length > 63) ? "has a DNS label longer than 63 characters" : null;
    }

    /// <summary>
    /// <see cref="Check"/> for an Ingress rule's host, which the Ingress API also refuses to be an IP address
    /// ("must be a DNS name, not an IP address"). Object names and externalNames may look like one, so
    /// <see cref="Check"/> itself allows it.
    /// </summary>
    public static string? CheckIngressHost(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3
            ? "must be a DNS name, not an IP address"
            : Check(host);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();
}
