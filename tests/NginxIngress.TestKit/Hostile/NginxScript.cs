using System.Text;

namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// What nginx makes of a directive argument where it expands variables (ngx_http_script_compile in
/// src/http/ngx_http_script.c): <c>$1</c>..<c>$9</c> are captures, <c>$name</c> and <c>${name}</c> read a variable
/// of letters, digits and underscores, and a <c>$</c> with no name is an error. The expansion gives
/// <c>$dollar</c> its value <c>$</c> and shows every other variable and capture as written.
/// </summary>
public static class NginxScript
{
    public sealed record Expansion(string Text, IReadOnlyList<string> Variables, IReadOnlyList<int> Captures);

    /// <exception cref="FormatException">nginx would refuse the argument: "invalid variable name".</exception>
    public static Expansion Expand(string argument)
    {
        var text = new StringBuilder();
        var variables = new List<string>();
        var captures = new List<int>();
        for (var i = 0; i < argument.Length; i++)
        {
            if (argument[i] != '$')
            {
                text.Append(argument[i]);
                continue;
            }
            if (i + 1 < argument.Length && argument[i + 1] is >= '1' and <= '9')
            {
                captures.Add(argument[i + 1] - '0');
                text.Append(argument, i, 2);
                i++;
                continue;
            }
            var braced = i + 1 < argument.Length && argument[i + 1] == '{';
            var start = braced ? i + 2 : i + 1;
            var end = start;
            while (end < argument.Length && (char.IsAsciiLetterOrDigit(argument[end]) || argument[end] == '_'))
            {
                end++;
            }
            if (end == start || (braced && (end == argument.Length || argument[end] != '}')))
            {
                throw new FormatException($"invalid variable name at {i} in \"{argument}\"");
            }
            var name = argument[start..end];
            variables.Add(name);
            text.Append(name == "dollar" ? "$" : argument[i..(braced ? end + 1 : end)]);
            i = braced ? end : end - 1;
        }
        return new Expansion(text.ToString(), variables, captures);
    }
}
