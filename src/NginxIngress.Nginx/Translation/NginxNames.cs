using System.Text;
using System.Text.RegularExpressions;
using NginxIngress.Core.Model;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// Every name nginx.conf invents comes from here. Upstreams are named <c>namespace.service.port</c>: the
/// three parts are DNS labels, which cannot hold a dot, so no two backends share a name. (ingress-nginx's
/// <c>namespace-service-port</c> lets namespace <c>a-b</c>, Service <c>c</c> collide with namespace <c>a</c>,
/// Service <c>b-c</c>.)
/// </summary>
public static partial class NginxNames
{
    public static string Upstream(BackendRef backend) =>
        $"{Label(backend.Namespace)}.{Label(backend.ServiceName)}.{Label(backend.Port)}";

    /// <summary>
    /// The name an <c>upstream{}</c> block and its <c>proxy_pass</c> use: the upstream's name behind four hex digits of
    /// its SHA-256. nginx resolves each static proxy_pass while parsing by comparing the name with every upstream{}
    /// defined so far (length, then the bytes), so the config's locations × upstreams comparisons decide a parse
    /// at scale; upstream names of one namespace share their length and their first bytes, and each comparison ran
    /// into them. The digits end most comparisons at the first byte: nginx -t at 10k Ingresses went from about
    /// 9 s to 5 s (docs/benchmarks.md). Logs and <c>$proxy_upstream_name</c> keep the plain name, and the plain
    /// name is unique on its own, so the digits only spread names out and two equal digit pairs are harmless.
    /// </summary>
    public static string UpstreamBlock(string upstream) =>
        $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(upstream)), 0, 2)}.{upstream}";

    /// <summary>
    /// The named location that answers a custom-http-errors code, ingress-nginx's <c>@custom_&lt;upstream&gt;_&lt;code&gt;</c>;
    /// <c>default</c> (no dots, so no upstream's name) when there is no default backend to send it to.
    /// </summary>
    public static string CustomErrorLocation(string? upstream, int code) =>
        $"@custom_{upstream ?? "default"}_{code.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A TCP or UDP service's upstream: one per listener, named after it (<c>tcp-9000</c>), so two listeners on one
    /// Service port keep apart. Stream upstreams have names of their own, apart from the http ones.
    /// </summary>
    public static string StreamUpstream(StreamProtocol protocol, int port) =>
        $"{(protocol == StreamProtocol.Tcp ? "tcp" : "udp")}-{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The server_name for a host. A one-label wildcard becomes a regex, because nginx's own <c>*.foo.com</c>
    /// also matches <c>a.b.foo.com</c>, which the Ingress API says it must not.
    /// </summary>
    public static string ServerName(string hostname) =>
        hostname.StartsWith("*.", StringComparison.Ordinal)
            ? $"~^(?<subdomain>[\\w-]+){Regex.Escape(hostname[1..])}$"
            : hostname;

    /// <summary>Defence in depth: the builder validated these already, but a name that reaches nginx is only ever [a-z0-9-].</summary>
    private static string Label(string value)
    {
        if (LabelGrammar().IsMatch(value))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '_');
        }
        return builder.ToString();
    }

    [GeneratedRegex("^[a-z0-9-]+\\z")]
    private static partial Regex LabelGrammar();
}
