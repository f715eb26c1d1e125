using System.CommandLine;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// Everything wrong with a command line, one <c>error: …</c> line each. Adds to System.CommandLine's own errors what
/// it cannot say well: which flag an unknown one probably meant.
/// </summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Of(ParseResult parsed)
    {
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

    private static string UnknownFlag(string flag, Command command)
    {
        // The command's options are our own flags plus, hidden, every other ingress-nginx flag (UnimplementedFlags).
        var known = command.Options.SelectMany(option => option.Aliases.Append(option.Name)).Where(name => name.StartsWith('-'));
        var suggestion = ClosestFlag.Find(flag, known);
        return suggestion is null ? $"error: unknown flag {flag}" : $"error: unknown flag {flag}; did you mean {suggestion}?";
    }
}
