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

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();
}
