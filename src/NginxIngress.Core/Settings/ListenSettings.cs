using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary>
/// <c>bind-address</c> and <c>disable-ipv6</c>, with ingress-nginx's semantics (buildHTTPListener): IPv4 listeners on
/// the IPv4 bind addresses (every address when there are none), and, unless IPv6 is off, IPv6 listeners on the IPv6
/// ones (<c>[::]</c> when there are none). Whether the host has IPv6 at all is the controller's to say, not the cluster's.
/// </summary>
public sealed record ListenSettings
{
    public static readonly ListenSettings Default = new();

    /// <summary>The IPv4 addresses of <c>bind-address</c>; null when the key is absent (the controller's address stays).</summary>
    public EquatableArray<string>? BindIpv4 { get; init; }

    /// <summary>The IPv6 addresses of <c>bind-address</c>.</summary>
    public EquatableArray<string> BindIpv6 { get; init; } = EquatableArray<string>.Empty;

    /// <summary><c>disable-ipv6</c>.</summary>
    public bool DisableIpv6 { get; init; }

    internal static ListenSettings From(ConfigMapReader reader)
    {
        var (v4, v6) = reader.Read(HttpConfigMapKeys.BindAddress, ((EquatableArray<string>?)null, EquatableArray<string>.Empty),
            value => ConfigMapValues.Addresses(value) is (true, var addresses) ? (true, ((EquatableArray<string>?)addresses.V4, addresses.V6)) : (false, (null, EquatableArray<string>.Empty)));
        return new ListenSettings
        {
            BindIpv4 = v4,
            BindIpv6 = v6,
            DisableIpv6 = reader.Read(HttpConfigMapKeys.DisableIpv6, Default.DisableIpv6, ConfigMapValues.Bool),
        };
    }
}
