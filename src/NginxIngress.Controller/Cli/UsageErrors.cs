using System.CommandLine;
using System.CommandLine.Parsing;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// Everything wrong with a command line, one <c>error: …</c> line each. Adds to System.CommandLine's own errors what
/// it cannot say well: which flag an unknown one probably meant, and which option swallowed the next flag as its value.
/// </summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Of(ParseResult parsed)
    {
        // `--output --manifests DIR` makes --manifests the file name, so the parser then also reports DIR as unexpected
        // and --manifests as missing. Those follow from this one mistake and would only mislead.
        var swallowed = SwallowedFlags(parsed.CommandResult).ToList();
        if (swallowed.Count > 0)
        {
            return swallowed;
        }
        var command = parsed.CommandResult.Command;
        // The subcommands leave unmatched tokens to this class; the root still reports them itself (unknown commands).
        var unmatched = command.TreatUnmatchedTokensAsErrors ? [] : Unmatched(parsed.UnmatchedTokens, command);
        return [.. unmatched, .. parsed.Errors.Select(error => $"error: {error.Message}")];
    }

    private static IEnumerable<string> Unmatched(IReadOnlyList<string> tokens, Command command)
    {
        var afterUnknownFlag = false;
        foreach (var token in tokens)
        {
            if (token.StartsWith('-'))
            {
                yield return UnknownFlag(token.Split('=')[0], command);
                afterUnknownFlag = !token.Contains('=');
            }
            else if (afterUnknownFlag)
            {
                // Most likely the unknown flag's value (`--ingres-class internal`): the flag's error covers it.
                afterUnknownFlag = false;
            }
            else
            {
                yield return $"error: unexpected argument '{token}'";
            }
        }
    }

    private static IEnumerable<string> SwallowedFlags(CommandResult result)
    {
        foreach (var option in result.Children.OfType<OptionResult>())
        {
            foreach (var token in option.Tokens.Where(token => LooksLikeLongFlag(token.Value)))
            {
                var name = option.IdentifierToken?.Value ?? option.Option.Name;
                yield return $"error: {name} needs a value, but the next argument is the flag {token.Value.Split('=')[0]}";
            }
        }
    }

    private static string UnknownFlag(string flag, Command command)
    {
        // The command's options are our own flags plus, hidden, every other ingress-nginx flag (UnimplementedFlags).
        var known = command.Options.SelectMany(option => option.Aliases.Append(option.Name)).Where(name => name.StartsWith('-'));
        var suggestion = ClosestFlag.Find(flag, known);
        return suggestion is null ? $"error: unknown flag {flag}" : $"error: unknown flag {flag}; did you mean {suggestion}?";
    }

    private static bool LooksLikeLongFlag(string value) => value.Length > 2 && value.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetter(value[2]);
}
