using System.Text;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// The only code that turns a value into nginx.conf text. Every string that can come from a Kubernetes
/// object is printed through <see cref="Quote"/>, after the builder's allow-lists. The fixes for
/// CVE-2026-24512 and CVE-2026-3288 did the same in ingress-nginx: quote every value, escape quote and
/// backslash.
/// </summary>
public static class NginxSyntax
{
    /// <summary>
    /// Wraps the value in double quotes, escaping <c>"</c> and <c>\</c>. nginx's tokenizer turns <c>\\</c> back
    /// into <c>\</c> and keeps every other backslash sequence (but <c>\n \r \t</c>) as written, so regexes such as
    /// <c>\d</c> survive. A control character would let a value end the directive, so it is refused outright.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a control character.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A value for nginx.conf contains the control character U+{(int)c:X4}; the validators should have refused it.", nameof(value));
            }
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        builder.Append('"');
        return builder.ToString();
    }
}
