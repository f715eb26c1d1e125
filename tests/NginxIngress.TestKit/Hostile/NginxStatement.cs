namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// One statement of nginx.conf as nginx's parser sees it: a simple directive (<c>name args;</c>), the start of a
/// block (<c>name args {</c>) or its end (<c>}</c>, with an empty name). Arguments are unquoted and unescaped. An
/// entry of a <c>map</c>, <c>geo</c> or <c>types</c> block is data: its name is empty and all its words are arguments.
/// </summary>
public sealed record NginxStatement(NginxStatementKind Kind, string Name, IReadOnlyList<string> Args, int Depth)
{
    /// <summary>Everything but the argument values: what a hostile value must never change.</summary>
    public string Shape => Kind switch
    {
        NginxStatementKind.BlockEnd => $"{new string(' ', Depth * 2)}}}",
        NginxStatementKind.BlockStart => $"{new string(' ', Depth * 2)}{Name} /{Args.Count} {{",
        _ => $"{new string(' ', Depth * 2)}{(Name.Length == 0 ? "(entry)" : Name)} /{Args.Count};",
    };
}
