using System.Text;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// The only code that turns a value into nginx.conf text. Every string that can come from a Kubernetes object is
/// printed through one of these, after the builder's allow-lists. The fixes for CVE-2026-24512 and CVE-2026-3288
/// did the same in ingress-nginx: quote every value, escape quote and backslash.
/// <para>
/// Quoting is not enough where nginx expands variables (return, rewrite, set, proxy_set_header, add_header, map
/// values, proxy_pass, access_log and ssl_certificate paths): nginx has no escape for <c>$</c>, so a quoted
/// <c>"/$http_authorization"</c> still sends a request header on. Such values are printed with
/// <see cref="QuoteLiteral(string)"/>, which writes each <c>$</c> as <c>${dollar}</c>, a variable that holds a
/// literal <c>$</c> (<see cref="DollarVariableDefinition"/>, printed in the http block and in the stream block).
/// </para>
/// </summary>
public static class NginxSyntax
{
    /// <summary>
    /// Defines <c>$dollar</c>. A <c>geo</c> value is stored as written; a <c>map</c> or <c>set</c> value would be
    /// compiled as a script, where a lone <c>$</c> is "invalid variable name".
    /// </summary>
    public const string DollarVariableDefinition = "geo $dollar { default \"$\"; }";

    private const string InertDollar = "${dollar}";

    /// <summary>
    /// For directives that never expand variables (server_name, location, allow, upstream names, sizes, timeouts)
    /// and for regexes, where <c>$</c> is an anchor. Wraps the value in double quotes, escaping <c>"</c> and
    /// <c>\</c>. nginx's tokenizer turns <c>\\</c> back into <c>\</c> and keeps every other backslash sequence
    /// (but <c>\n \r \t</c>) as written, so regexes such as <c>\d</c> survive. A control character would let a
    /// value end the directive, so it is refused outright.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a control character.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        AppendEscaped(builder, value, DollarRule.Keep);
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// For a value that must reach the client or backend exactly as written, in a directive that expands
    /// variables: as <see cref="Quote"/>, and every <c>$</c> is written <c>${dollar}</c>, so nginx prints a
    /// <c>$</c> instead of reading a variable.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a control character.</exception>
    public static string QuoteLiteral(string value) => QuoteLiteral("", value);

    /// <summary>
    /// <paramref name="expression"/> (the template's own nginx text, whose variables expand) followed by
    /// <paramref name="literal"/> (a value, printed as <see cref="QuoteLiteral(string)"/> prints it), as one token:
    /// <c>return 302 "$scheme://$http_host/app-root"</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Either part contains a control character.</exception>
    public static string QuoteLiteral(string expression, string literal)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(literal);
        var builder = new StringBuilder(expression.Length + literal.Length + 2);
        builder.Append('"');
        AppendEscaped(builder, expression, DollarRule.Keep);
        AppendEscaped(builder, literal, DollarRule.Inert);
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// For a <c>rewrite</c> replacement: <c>$1</c> to <c>$9</c> stay capture references (nginx reads one digit, so
    /// <c>$12</c> is capture 1 then "2"); every other <c>$</c> is written <c>${dollar}</c> as in
    /// <see cref="QuoteLiteral(string)"/>, so no request variable reaches the upstream path.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a control character.</exception>
    public static string QuoteRewriteReplacement(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        AppendEscaped(builder, value, DollarRule.KeepCaptures);
        builder.Append('"');
        return builder.ToString();
    }

    private enum DollarRule
    {
        Keep,
        Inert,
        KeepCaptures,
    }

    private static void AppendEscaped(StringBuilder builder, string value, DollarRule dollars)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A value for nginx.conf contains the control character U+{(int)c:X4}; the validators should have refused it.", nameof(value));
            }
            if (c == '$' && (dollars == DollarRule.Inert || (dollars == DollarRule.KeepCaptures && !IsCaptureDigit(value, i + 1))))
            {
                builder.Append(InertDollar);
                continue;
            }
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
    }

    private static bool IsCaptureDigit(string value, int at) => at < value.Length && value[at] is >= '1' and <= '9';

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
