using System.Text;

namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// Splits nginx.conf into statements with nginx's own lexer rules (ngx_conf_read_token, src/core/ngx_conf_file.c):
/// whitespace separates tokens; <c>;</c> ends a directive, <c>{</c> opens a block and <c>}</c> at the start of a token closes one; <c>#</c>
/// at the start of a token comments out the rest of the line; a token starting with <c>"</c> or <c>'</c> runs to the
/// matching quote, a backslash protecting the next character, and must be followed by whitespace, <c>;</c>,
/// <c>{</c> or <c>)</c>; an unquoted token ends at whitespace, <c>;</c> or <c>{</c> (a backslash protects the next character, <c>${</c> opens no block).
/// Tokens lose <c>\"</c>, <c>\'</c> and <c>\\</c>'s backslash and turn <c>\t \r \n</c> into control
/// characters, as nginx does. Independent of the product's printer, so the two cannot share a mistake.
/// </summary>
public static class NginxConfTokenizer
{
    /// <exception cref="FormatException">nginx would refuse the text: unbalanced braces, an unclosed quote, a token after a quote.</exception>
    public static IReadOnlyList<NginxStatement> Parse(string text)
    {
        var statements = new List<NginxStatement>();
        var words = new List<string>();
        var blocks = new Stack<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }
            if (i == text.Length)
            {
                break;
            }
            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
                continue;
            }
            if (c is ';' or '{' or '}')
            {
                i++;
                if (c == '}')
                {
                    if (words.Count > 0)
                    {
                        throw new FormatException($"unexpected \"}}\" after \"{string.Join(' ', words)}\"");
                    }
                    if (blocks.Count == 0)
                    {
                        throw new FormatException("unexpected \"}\" at the top level");
                    }
                    blocks.Pop();
                    statements.Add(new NginxStatement(NginxStatementKind.BlockEnd, "", [], blocks.Count));
                    continue;
                }
                if (words.Count == 0)
                {
                    throw new FormatException($"unexpected \"{c}\" with no directive name");
                }
                var isData = c == ';' && blocks.TryPeek(out var parent) && DataBlocks.Contains(parent);
                statements.Add(isData
                    ? new NginxStatement(NginxStatementKind.Directive, "", words.ToList(), blocks.Count)
                    : new NginxStatement(c == '{' ? NginxStatementKind.BlockStart : NginxStatementKind.Directive, words[0], words.Skip(1).ToList(), blocks.Count));
                if (c == '{')
                {
                    blocks.Push(words[0]);
                }
                words.Clear();
                continue;
            }
            words.Add(c is '"' or '\'' ? ReadQuoted(text, ref i) : ReadWord(text, ref i));
        }
        if (words.Count > 0 || blocks.Count != 0)
        {
            throw new FormatException("unexpected end of file");
        }
        return statements;
    }

    /// <summary>Blocks whose entries are data (a key and a value), not directives.</summary>
    private static readonly HashSet<string> DataBlocks = ["map", "geo", "types", "split_clients"];

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static string ReadQuoted(string text, ref int i)
    {
        var quote = text[i];
        var start = ++i;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new FormatException("unexpected end of file in a quoted token");
            }
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (text[i] == quote)
            {
                break;
            }
            i++;
        }
        var raw = text[start..i];
        i++;
        // nginx also takes ")" here: it closes an if condition, as in if ($a ~* "re") {, and starts the next token.
        if (i < text.Length && !IsSpace(text[i]) && text[i] is not (';' or '{' or ')'))
        {
            throw new FormatException($"unexpected \"{text[i]}\" after a quoted token");
        }
        return Unescape(raw);
    }

    /// <summary>An unquoted token ends at whitespace, <c>;</c> or <c>{</c> (but <c>${</c>); a <c>}</c> or quote inside it is text.</summary>
    private static string ReadWord(string text, ref int i)
    {
        var start = i;
        var variable = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                i += 2;
                variable = false;
                continue;
            }
            if (c == '{' && variable)
            {
                i++;
                variable = false;
                continue;
            }
            if (IsSpace(c) || c is ';' or '{')
            {
                break;
            }
            variable = c == '$';
            i++;
        }
        return Unescape(text[start..i]);
    }

    /// <summary>A token's value as nginx reads it: <c>\" \' \\</c> lose the backslash, <c>\t \r \n</c> become control characters.</summary>
    public static string Unescape(string raw)
    {
        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                switch (raw[i + 1])
                {
                    case '"' or '\'' or '\\':
                        i++;
                        break;
                    case 't':
                        value.Append('\t');
                        i++;
                        continue;
                    case 'r':
                        value.Append('\r');
                        i++;
                        continue;
                    case 'n':
                        value.Append('\n');
                        i++;
                        continue;
                }
            }
            value.Append(raw[i]);
        }
        return value.ToString();
    }
}
