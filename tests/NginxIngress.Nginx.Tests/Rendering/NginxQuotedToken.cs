namespace NginxIngress.Nginx.Tests.Rendering;

/// <summary>
/// Reads one double-quoted token the way nginx's configuration tokenizer does (ngx_conf_read_token in
/// src/core/ngx_conf_file.c): a backslash protects the next character from ending the token; afterwards
/// <c>\"</c>, <c>\'</c> and <c>\\</c> lose their backslash, <c>\t \r \n</c> become control characters, and any
/// other backslash pair is kept as written. The escaping tests check that every quoted value reads back as itself.
/// </summary>
public static class NginxQuotedToken
{
    /// <summary>Returns the token's value and the text after its closing quote.</summary>
    /// <exception cref="FormatException">The text does not start with a complete quoted token.</exception>
    public static (string Value, string Remainder) Read(string text)
    {
        if (text.Length == 0 || text[0] != '"')
        {
            throw new FormatException("a quoted token starts with \"");
        }
        var end = -1;
        var escaped = false;
        for (var i = 1; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == '"')
            {
                end = i;
                break;
            }
        }
        if (end < 0)
        {
            throw new FormatException("the quoted token is never closed");
        }
        return (NginxIngress.TestKit.Hostile.NginxConfTokenizer.Unescape(text[1..end]), text[(end + 1)..]);
    }
}
