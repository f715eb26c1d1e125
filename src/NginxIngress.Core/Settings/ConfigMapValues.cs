using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The allow-list grammars of ConfigMap values shared by several keys. Each returns (false, _) for anything it does
/// not accept, so the reader keeps the default and reports the key.
/// </summary>
internal static partial class ConfigMapValues
{
    /// <summary>Go's strconv.ParseBool spellings, as ingress-nginx reads its booleans.</summary>
    public static (bool, bool) Bool(string value) => value switch
    {
        "true" or "True" or "TRUE" or "1" or "t" or "T" => (true, true),
        "false" or "False" or "FALSE" or "0" or "f" or "F" => (true, false),
        _ => (false, false),
    };

    /// <summary>A decimal number within bounds; no sign, no spaces, no exponent.</summary>
    public static Func<string, (bool, int)> Int(int min, int max) => value =>
        value.Length <= 9 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? (true, number) : (false, 0);

    public static (bool, string) Size(string value) => (SizeGrammar().IsMatch(value), value);

    public static (bool, string) Time(string value) => (TimeGrammar().IsMatch(value), value);

    public static bool IsSize(string value) => SizeGrammar().IsMatch(value);

    public static bool IsTime(string value) => TimeGrammar().IsMatch(value);

    /// <summary>
    /// A log destination: <c>/dev/stdout</c>, <c>/dev/stderr</c>, or a file under <c>/var/log/</c>, without <c>..</c>
    /// segments. nginx opens a log path for appending as it loads the config (and <c>nginx -t</c> already does), so a
    /// free path would let the ConfigMap append to any file nginx can write (its config, a mounted Secret); ingress-nginx's
    /// defaults live under /var/log/nginx.
    /// </summary>
    public static bool IsLogPath(string value) =>
        value is "/dev/stdout" or "/dev/stderr"
        || (PathGrammar().IsMatch(value) && value.StartsWith("/var/log/", StringComparison.Ordinal) && value.Length > "/var/log/".Length
            && !value.Split('/').Any(segment => segment is ".." or "."));

    /// <summary>Comma-separated addresses or CIDR ranges, normalised as the source-range annotations are.</summary>
    public static (bool, EquatableArray<string>) Cidrs(string value) =>
        Annotations.AccessAnnotations.Ranges(value) is { } ranges ? (true, ranges) : (false, EquatableArray<string>.Empty);

    /// <summary>Comma-separated IPv4 and IPv6 addresses without zones, split by family, each family in the order given.</summary>
    public static (bool, (EquatableArray<string> V4, EquatableArray<string> V6)) Addresses(string value)
    {
        var v4 = new List<string>();
        var v6 = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('%') || !IPAddress.TryParse(entry, out var address) || address.ToString() != entry && !IsCanonicalV6(entry, address))
            {
                return (false, default);
            }
            (address.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4).Add(address.ToString());
        }
        return v4.Count + v6.Count == 0 ? (false, default) : (true, (v4.Distinct().ToEquatableArray(), v6.Distinct().ToEquatableArray()));
    }

    // IPAddress.TryParse also takes "10" or "0x0a.1" as IPv4; only dotted quads and IPv6 text are addresses here.
    private static bool IsCanonicalV6(string entry, IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && entry.Contains(':');

    /// <summary>
    /// Entries of <c>block-user-agents</c>, <c>block-referers</c> and <c>skip-access-log-urls</c>: map keys, exact or
    /// regex (<c>~</c>, <c>~*</c>). None of <c>; { } " ' \ #</c>, no control characters, and <c>$</c> only as a
    /// regex's final anchor; a regex must compile; nginx's map keywords are refused, since a key "default" would
    /// replace the default.
    /// </summary>
    public static (bool, EquatableArray<string>) MatchList(string value, Regex exact)
    {
        var entries = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry is "default" or "hostnames" or "include" or "volatile")
            {
                return (false, EquatableArray<string>.Empty);
            }
            if (entry.StartsWith('~'))
            {
                var pattern = entry.StartsWith("~*", StringComparison.Ordinal) ? entry[2..] : entry[1..];
                var body = pattern.EndsWith('$') ? pattern[..^1] : pattern;
                if (body.Length == 0 || !RegexBodyGrammar().IsMatch(body) || DotNetOnlyGroup().IsMatch(body) || !Compiles(pattern))
                {
                    return (false, EquatableArray<string>.Empty);
                }
            }
            else if (!exact.IsMatch(entry))
            {
                return (false, EquatableArray<string>.Empty);
            }
            entries.Add(entry);
        }
        return entries.Count == 0 ? (false, EquatableArray<string>.Empty) : (true, entries.Distinct().ToEquatableArray());
    }

    /// <summary>An exact User-Agent or Referer: the regex alphabet, spaces included, without the regex prefix.</summary>
    public static Regex ExactText => ExactTextGrammar();

    /// <summary>An exact request URI, query included.</summary>
    public static Regex ExactUri => ExactUriGrammar();

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The proxy size annotations' grammar: one rule for every nginx size the controller reads.</summary>
    private static Regex SizeGrammar() => Annotations.ProxyAnnotationSpecs.SizeGrammar();

    [GeneratedRegex(@"^[0-9]{1,9}(ms|s|m|h|d)?\z")]
    private static partial Regex TimeGrammar();

    [GeneratedRegex(@"^/[-._a-zA-Z0-9/]{0,1023}\z")]
    private static partial Regex PathGrammar();

    [GeneratedRegex(@"^[-a-zA-Z0-9._/:()+*?^|\[\]!@=%&<> ]{1,512}\z")]
    private static partial Regex RegexBodyGrammar();

    /// <summary>
    /// "(?&lt;" that does not open a named group: lookbehind and .NET's balancing groups. .NET compiles them, but
    /// nginx's PCRE2 refuses variable-length lookbehind and has no balancing groups, and <c>nginx -t</c> would then
    /// reject the whole config.
    /// </summary>
    [GeneratedRegex(@"\(\?<(?![A-Za-z_][A-Za-z0-9_]*>)")]
    private static partial Regex DotNetOnlyGroup();

    [GeneratedRegex(@"^[-a-zA-Z0-9._/:()+*?^|\[\]!@=%&<> ]{1,512}\z")]
    private static partial Regex ExactTextGrammar();

    [GeneratedRegex(@"^/[-a-zA-Z0-9._~/%?=&]{0,1023}\z")]
    private static partial Regex ExactUriGrammar();
}
