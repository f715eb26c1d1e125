using System.Globalization;
using System.Text.RegularExpressions;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Streams;

/// <summary>
/// Reads the data of a <c>--tcp-services-configmap</c> or <c>--udp-services-configmap</c> ConfigMap, in ingress-nginx's
/// format (docs/user-guide/exposing-tcp-udp-services.md): the key is the port nginx listens on, the value
/// <c>namespace/service:port[:PROXY][:PROXY]</c>. The first <c>PROXY</c> makes the listener read a PROXY protocol header
/// from its clients, the second makes nginx send one to the backend; either may be left empty
/// (<c>ns/svc:8080::PROXY</c>). Pure. Each entry that breaks the allow-list below is one Error naming its key and is
/// skipped; the others are served.
/// </summary>
/// <remarks>
/// Stricter than ingress-nginx where it would hand nginx something it cannot use: the key is a plain port number
/// (Go's Atoi also takes <c>+80</c> and <c>070000</c>), the names are DNS labels, and anything but <c>PROXY</c> or
/// nothing in a PROXY field is refused rather than read as "off". Since a key is a canonical number, no two keys of
/// one ConfigMap can name the same port.
/// </remarks>
public static partial class StreamServicesParser
{
    public const string ValueGrammar = "namespace/service:port[:PROXY][:PROXY], where port is a Service port number or name";

    public const string KeyGrammar = "a port number from 1 to 65535";

    public const string InvalidReason = "InvalidStreamService";

    /// <param name="reservedPorts">Ports the controller listens on itself, with what each is (for the message).</param>
    /// <returns>The well-formed entries, by port.</returns>
    public static IReadOnlyList<StreamServiceEntry> Parse(ObjectKey configMap, IDictionary<string, string>? data, StreamProtocol protocol,
        IReadOnlyDictionary<int, string> reservedPorts, ICollection<Problem> problems)
    {
        var entries = new List<StreamServiceEntry>();
        foreach (var (key, value) in (data ?? new Dictionary<string, string>()).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var fault = Parse(key, value, protocol, reservedPorts, out var entry);
            if (fault is not null)
            {
                problems.Add(new Problem(ObjectRef.ConfigMap(configMap), $"data[{AnnotationReader.Printable(key)}]", ProblemSeverity.Error, InvalidReason,
                    $"{fault}; this {Name(protocol)} service is not served"));
                continue;
            }
            if (entry!.Protocol == StreamProtocol.Udp && value.Split(':').Skip(2).Any(field => field.Length > 0))
            {
                // ingress-nginx ignores PROXY on UDP too: nginx has no PROXY protocol for datagrams.
                problems.Add(new Problem(ObjectRef.ConfigMap(configMap), $"data[{key}]", ProblemSeverity.Warning, InvalidReason,
                    "the PROXY protocol works over TCP only; it is ignored for this UDP service"));
            }
            entries.Add(entry);
        }
        return entries.OrderBy(entry => entry.Port).ToList();
    }

    /// <summary>
    /// Every Service the entries name, valid or not, so the store knows that a change to one (or to its
    /// EndpointSlices) can change the config though no Ingress names it.
    /// </summary>
    public static IReadOnlySet<ObjectKey> ServicesNamed(IDictionary<string, string>? data) =>
        (data?.Values ?? [])
            .Select(value => value.Trim().Split(':')[0].Split('/'))
            .Where(parts => parts is [{ Length: > 0 }, { Length: > 0 }])
            .Select(parts => new ObjectKey(parts[0], parts[1]))
            .ToHashSet();

    /// <summary>"TCP" or "UDP", as messages say it.</summary>
    public static string Name(StreamProtocol protocol) => protocol == StreamProtocol.Tcp ? "TCP" : "UDP";

    /// <summary>The fault of one entry, or null with the entry.</summary>
    private static string? Parse(string key, string rawValue, StreamProtocol protocol, IReadOnlyDictionary<int, string> reservedPorts, out StreamServiceEntry? entry)
    {
        entry = null;
        if (!PortKey().IsMatch(key) || !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return $"key \"{AnnotationReader.Printable(key)}\" is not valid: it must be {KeyGrammar}";
        }
        if (reservedPorts.TryGetValue(port, out var use))
        {
            return $"port {port} is {use}";
        }
        var value = rawValue.Trim();
        var match = Value().Match(value);
        if (!match.Success)
        {
            return $"\"{AnnotationReader.Printable(rawValue)}\" is not valid: it must be {ValueGrammar}";
        }
        var servicePort = match.Groups["port"].Value;
        if (int.TryParse(servicePort, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is < 1 or > 65535)
        {
            return $"\"{AnnotationReader.Printable(rawValue)}\" is not valid: the Service port must be a number from 1 to 65535 or a port name";
        }
        var udp = protocol == StreamProtocol.Udp;
        entry = new StreamServiceEntry(protocol, port, new ObjectKey(match.Groups["ns"].Value, match.Groups["name"].Value), servicePort,
            DecodeProxyProtocol: !udp && match.Groups["decode"].Success && match.Groups["decode"].Length > 0,
            EncodeProxyProtocol: !udp && match.Groups["encode"].Success && match.Groups["encode"].Length > 0);
        return null;
    }

    [GeneratedRegex("^[1-9][0-9]{0,4}\\z")]
    private static partial Regex PortKey();

    /// <summary>
    /// Namespace and Service are DNS labels; the port a number or an IANA-style port name (a label that is not all
    /// digits); each PROXY field <c>PROXY</c> in any case (ingress-nginx compares with ToUpper) or empty.
    /// </summary>
    [GeneratedRegex("^(?<ns>[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)/(?<name>[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?):(?<port>[0-9]{1,5}|[a-z0-9](?:[-a-z0-9]{0,13}[a-z0-9])?)(?::(?<decode>(?i:proxy)?)(?::(?<encode>(?i:proxy)?))?)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Value();
}
