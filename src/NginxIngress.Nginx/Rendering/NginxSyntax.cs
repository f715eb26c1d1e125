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

    /// <summary>
    /// A snippet (raw nginx directives, gated by the builder) as lines at <paramref name="indent"/>, ending in a newline.
    /// Not escaping, since a snippet is nginx text by design; it re-checks <see cref="Core.Annotations.SnippetRules"/>, so
    /// a snippet that could close its enclosing block never reaches the file even if a builder check were bypassed.
    /// </summary>
    /// <exception cref="ArgumentException">The snippet is not whole directives.</exception>
    public static string Snippet(string snippet, string indent)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        if (Core.Annotations.SnippetRules.Fault(snippet) is { } fault)
        {
            throw new ArgumentException($"A snippet for nginx.conf cannot be used ({fault}); the builder should have refused it.", nameof(snippet));
        }
        // Lines are kept as written (a quoted string may span them); only the indent is added.
        var builder = new StringBuilder();
        foreach (var line in snippet.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            builder.Append(indent).Append(line).Append('\n');
        }
        return builder.ToString();
    }
}
