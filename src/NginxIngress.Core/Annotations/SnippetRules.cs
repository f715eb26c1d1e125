namespace NginxIngress.Core.Annotations;

/// <summary>
/// What a snippet must be to be pasted into nginx.conf: whole directives. Snippets are raw nginx text by design (and
/// gated, reference §1.3), but a snippet must not end the block it is pasted into: with its braces balanced outside
/// quotes and comments, no quote left open, and its last directive ended, the text after it is still the template's.
/// </summary>
public static class SnippetRules
{
    public const string GrammarText = "whole nginx directives: each ended by \";\" or a balanced { } block, quotes closed, no control characters but tab and newline";

    /// <summary>Why <paramref name="snippet"/> cannot be pasted, or null when it can.</summary>
    public static string? Fault(string snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var depth = 0;
        var quote = '\0';
        var comment = false;
        var pending = false; // a directive has started and is not yet ended by ";" or "{"
        for (var i = 0; i < snippet.Length; i++)
        {
            var c = snippet[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"it contains the control character U+{(int)c:X4}";
            }
            if (comment)
            {
                comment = c != '\n';
                continue;
            }
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            switch (c)
            {
                case '#' when !pending || char.IsWhiteSpace(snippet[i - 1]):
                    comment = true;
                    break;
                case '"' or '\'':
                    quote = c;
                    pending = true;
                    break;
                case '\\':
                    i++;
                    pending = true;
                    break;
                case ';':
                    pending = false;
                    break;
                case '{':
                    depth++;
                    pending = false;
                    break;
                case '}':
                    if (pending)
                    {
                        return "a directive before a \"}\" is not ended by \";\"";
                    }
                    if (--depth < 0)
                    {
                        return "it closes a block it did not open (\"}\")";
                    }
                    break;
                default:
                    pending |= !char.IsWhiteSpace(c);
                    break;
            }
        }
        return quote != '\0' ? "a quoted string is not closed"
            : depth > 0 ? "a block is not closed (\"{\" without \"}\")"
            : pending ? "the last directive is not ended by \";\""
            : null;
    }
}
