using System.CommandLine;
using System.CommandLine.Parsing;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// The ingress-nginx flags a command accepts without acting on them, so existing Deployment args keep parsing.
/// They are registered as hidden options rather than left unmatched: the parser then knows which of them take a
/// value, so <c>--configmap ns/name</c> consumes <c>ns/name</c>, and every token left unmatched is a real mistake.
/// </summary>
internal sealed class UnimplementedFlags
{
    private readonly IReadOnlyList<Option> _options;

    private UnimplementedFlags(IReadOnlyList<Option> options) => _options = options;

    /// <summary>Adds every ingress-nginx flag the command does not already implement.</summary>
    public static UnimplementedFlags AddTo(Command command)
    {
        var implemented = command.Options.SelectMany(option => option.Aliases.Append(option.Name)).ToHashSet(StringComparer.Ordinal);
        var added = new List<Option>();
        foreach (var name in IngressNginxFlags.Boolean.Concat(IngressNginxFlags.WithValue).Order(StringComparer.Ordinal))
        {
            var spellings = IngressNginxFlags.Spellings(name).ToArray();
            if (implemented.Contains(spellings[0]))
            {
                continue;
            }
            Option option = IngressNginxFlags.Boolean.Contains(name)
                ? new Option<bool>(spellings[0], spellings[1..]) { Hidden = true }
                // pflag lets any flag repeat (the last value wins, slices append); one value per occurrence, as pflag takes.
                : new Option<string[]>(spellings[0], spellings[1..]) { Hidden = true, AllowMultipleArgumentsPerToken = false };
            command.Options.Add(option);
            added.Add(option);
        }
        return new UnimplementedFlags(added);
    }

    /// <summary>One warning per such flag the user passed, as they spelled it.</summary>
    public IEnumerable<string> Warnings(ParseResult result)
    {
        foreach (var option in _options)
        {
            if (result.GetResult(option) is OptionResult { Implicit: false } used)
            {
                var flag = used.IdentifierToken?.Value ?? option.Name;
                yield return $"warning: {flag} is an ingress-nginx flag this version accepts but does not act on yet";
            }
        }
    }
}
