using System.Text.RegularExpressions;
using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary>
/// Which client-supplied forwarding headers are believed (reference §3): by default the X-Forwarded-* headers a client
/// sends are replaced with what nginx saw, so a client cannot claim another address or scheme; behind an L7 load
/// balancer <c>use-forwarded-headers</c> trusts and passes them on, and the real-IP keys make the claimed address
/// nginx's <c>$remote_addr</c>.
/// </summary>
public sealed partial record ForwardingSettings
{
    public static readonly ForwardingSettings Default = new();

    /// <summary><c>use-forwarded-headers</c>.</summary>
    public bool UseForwardedHeaders { get; init; }

    /// <summary><c>enable-real-ip</c>.</summary>
    public bool EnableRealIp { get; init; }

    /// <summary><c>forwarded-for-header</c>: a header name.</summary>
    public string ForwardedForHeader { get; init; } = "X-Forwarded-For";

    /// <summary><c>compute-full-forwarded-for</c>.</summary>
    public bool ComputeFullForwardedFor { get; init; }

    /// <summary><c>proxy-real-ip-cidr</c>: the peers trusted to say the client's address.</summary>
    public EquatableArray<string> ProxyRealIpCidr { get; init; } = new[] { "0.0.0.0/0" }.ToEquatableArray();

    /// <summary><c>use-proxy-protocol</c>.</summary>
    public bool UseProxyProtocol { get; init; }

    /// <summary>Whether nginx's realip module rewrites <c>$remote_addr</c>: with any of the three keys, as in ingress-nginx.</summary>
    public bool RealIp => UseForwardedHeaders || UseProxyProtocol || EnableRealIp;

    internal static ForwardingSettings From(ConfigMapReader reader)
    {
        var d = Default;
        return new ForwardingSettings
        {
            UseForwardedHeaders = reader.Read(HttpConfigMapKeys.UseForwardedHeaders, d.UseForwardedHeaders, ConfigMapValues.Bool),
            EnableRealIp = reader.Read(HttpConfigMapKeys.EnableRealIp, d.EnableRealIp, ConfigMapValues.Bool),
            ForwardedForHeader = reader.Read(HttpConfigMapKeys.ForwardedForHeader, d.ForwardedForHeader, value => (HeaderGrammar().IsMatch(value), value)),
            ComputeFullForwardedFor = reader.Read(HttpConfigMapKeys.ComputeFullForwardedFor, d.ComputeFullForwardedFor, ConfigMapValues.Bool),
            ProxyRealIpCidr = reader.Read(HttpConfigMapKeys.ProxyRealIpCidr, d.ProxyRealIpCidr, ConfigMapValues.Cidrs),
            UseProxyProtocol = reader.Read(HttpConfigMapKeys.UseProxyProtocol, d.UseProxyProtocol, ConfigMapValues.Bool),
        };
    }

    [GeneratedRegex(@"^[A-Za-z0-9][-A-Za-z0-9]{0,127}\z")]
    private static partial Regex HeaderGrammar();
}
