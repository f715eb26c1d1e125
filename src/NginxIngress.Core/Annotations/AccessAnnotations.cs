using System.Net;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Reads <c>allowlist-source-range</c> (or its old name) and <c>denylist-source-range</c>: each entry must parse as
/// an address or CIDR range, and is normalised so that nginx gets exactly what was checked.
/// </summary>
public static class AccessAnnotations
{
    /// <exception cref="AnnotationException">An entry is not an address or range (grammar and risk faults go to the reader).</exception>
    public static AccessModel Parse(AnnotationReader reader, AccessModel defaults)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaults);
        var allowSpec = reader.Get(AccessAnnotationSpecs.AllowlistSourceRange) is not null
            ? AccessAnnotationSpecs.AllowlistSourceRange
            : AccessAnnotationSpecs.WhitelistSourceRange;
        var allow = reader.Get(allowSpec) is { } allowed ? Ranges(allowed) ?? throw Invalid(reader, allowSpec, allowed) : defaults.Allow;
        var deny = reader.Get(AccessAnnotationSpecs.DenylistSourceRange) is { } denied
            ? Ranges(denied) ?? throw Invalid(reader, AccessAnnotationSpecs.DenylistSourceRange, denied)
            : defaults.Deny;
        return new AccessModel(allow, deny);
    }

    /// <summary>The normalised ranges of a comma-separated list, or null when an entry is not an address or range.</summary>
    public static EquatableArray<string>? Ranges(string list)
    {
        var ranges = new List<string>();
        foreach (var entry in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Range(entry) is not { } range)
            {
                return null;
            }
            ranges.Add(range);
        }
        return ranges.Count == 0 ? null : ranges.Distinct().ToEquatableArray();
    }

    /// <summary>
    /// An address, or address/prefix, as its network: host bits are cleared, as Go's net.ParseCIDR (which ingress-nginx
    /// uses) accepts <c>10.0.0.1/8</c> as 10.0.0.0/8. A zone (<c>%eth0</c>) is refused.
    /// </summary>
    private static string? Range(string entry)
    {
        var parts = entry.Split('/');
        if (parts.Length > 2 || entry.Contains('%') || !IPAddress.TryParse(parts[0], out var address))
        {
            return null;
        }
        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (parts.Length == 2 && (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return $"{new IPAddress(bytes)}/{prefix}";
    }

    private static AnnotationException Invalid(AnnotationReader reader, AnnotationSpec spec, string value) =>
        new(reader.FieldFor(spec.Name), $"\"{AnnotationReader.Printable(value)}\" is not valid: it must be {spec.GrammarText}");
}
