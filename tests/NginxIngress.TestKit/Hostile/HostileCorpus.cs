using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// Runs one value in one place through the real pipeline (IngressModelBuilder → NginxConfigTranslator →
/// NginxConfigRenderer) and judges it against the same place's benign value: refused with a Problem naming the
/// place, or inert (the same statements and block nesting, the value only in arguments where the benign value was).
/// </summary>
public static class HostileCorpus
{
    public static readonly ControllerOptions Options = ControllerOptions.Default with { ConfigMap = HostileTargets.ConfigMap };

    public static PipelineResult Render(HostileTarget target, string value) => ConfigPipeline.Run(target.Cluster(value), Options, NginxSettings.Default);

    /// <summary>Every value of the corpus in every place; the benign render of each place is shared.</summary>
    public static IEnumerable<HostileOutcome> Run(HostileTarget target, IEnumerable<string> values)
    {
        var benign = Render(target, target.Benign);
        var benignStatements = Statements(benign.Rendered);
        return values.Select(value => Judge(target, value, benign, benignStatements));
    }

    public static IReadOnlyList<Core.Diagnostics.Problem> ProblemsNaming(HostileTarget target, PipelineResult result) =>
        result.Problems.Where(target.Names).ToList();

    private static HostileOutcome Judge(HostileTarget target, string value, PipelineResult benign, IReadOnlyList<NginxStatement> benignStatements)
    {
        PipelineResult result;
        try
        {
            result = Render(target, value);
        }
        catch (Exception e)
        {
            return new HostileOutcome(target, value, HostileVerdict.Broken, $"the pipeline threw {e.GetType().Name}: {e.Message}", benign.Rendered);
        }
        Outcome Verdict(HostileVerdict verdict, string detail) => new(verdict, detail);
        var judged = ProblemsNaming(target, result) is { Count: > 0 } problems
            ? Verdict(HostileVerdict.Rejected, problems[0].Message)
            : result.Problems.FirstOrDefault(p => p.Reason == "InternalError") is { } fault
                ? Verdict(HostileVerdict.Broken, $"reached the printer and faulted: {fault.Message}")
                : Compare(target, value, benignStatements, result.Rendered);
        return new HostileOutcome(target, value, judged.Verdict, judged.Detail, result.Rendered);
    }

    private sealed record Outcome(HostileVerdict Verdict, string Detail);

    private static Outcome Compare(HostileTarget target, string value, IReadOnlyList<NginxStatement> benign, RenderedConfig rendered)
    {
        IReadOnlyList<NginxStatement> hostile;
        try
        {
            hostile = Statements(rendered);
        }
        catch (FormatException e)
        {
            return new(HostileVerdict.Broken, $"nginx.conf no longer parses: {e.Message}");
        }
        var (verdict, detail) = Judge(benign, hostile, target.Printed(target.Benign));
        return new(verdict, detail);
    }

    /// <summary>
    /// Inert means: the same statements and nesting as <paramref name="benign"/>; an argument may differ only where
    /// the benign config printed <paramref name="printedBenign"/>; and where nginx expands variables, the differing
    /// argument reads no variable the benign one did not, but <c>$dollar</c> (NginxSyntax's literal "$").
    /// </summary>
    public static (HostileVerdict Verdict, string Detail) Judge(IReadOnlyList<NginxStatement> benign, IReadOnlyList<NginxStatement> hostile, string printedBenign)
    {
        for (var i = 0; i < Math.Max(benign.Count, hostile.Count); i++)
        {
            var expected = i < benign.Count ? benign[i].Shape.Trim() : "(end)";
            var actual = i < hostile.Count ? hostile[i].Shape.Trim() : "(end)";
            if (expected != actual)
            {
                return (HostileVerdict.Broken, $"statement {i} is \"{actual}\" where the benign value gives \"{expected}\"");
            }
            for (var a = 0; a < benign[i].Args.Count; a++)
            {
                var was = benign[i].Args[a];
                var now = hostile[i].Args[a];
                if (was == now || IsSizedToFit(benign[i], now))
                {
                    continue;
                }
                // The value may only change an argument the benign value was printed in (possibly split or suffixed).
                if (!was.Contains(printedBenign, StringComparison.Ordinal) && !(was.Length > 0 && printedBenign.Contains(was, StringComparison.Ordinal)))
                {
                    return (HostileVerdict.Broken, $"{benign[i].Name} argument {a + 1} is \"{HostileValues.Show(now)}\", not \"{HostileValues.Show(was)}\"");
                }
                if (ExpandsVariables(benign[i], a) && NewVariables(was, now) is { } variables)
                {
                    return (HostileVerdict.Broken, $"{benign[i].Name} argument {a + 1} \"{HostileValues.Show(now)}\" {variables}");
                }
            }
        }
        return (HostileVerdict.Inert, "");
    }

    /// <summary>
    /// Hash sizes the translator computes from the longest name or map key (nginx refuses a config whose hash cannot be
    /// built): a longer value may raise them, which is the product keeping nginx loadable, not the value writing config.
    /// Only a whole number passes, so a value can never land here as text.
    /// </summary>
    private static bool IsSizedToFit(NginxStatement statement, string now) =>
        statement.Name is "server_names_hash_bucket_size" or "server_names_hash_max_size" or "map_hash_bucket_size"
        && now.Length is > 0 and <= 6 && now.All(char.IsAsciiDigit);

    /// <summary>
    /// The arguments nginx compiles as scripts (complex values), where "$name" reads a variable. A map entry's value
    /// too (the geo block's constant never differs). Other arguments (location paths, regexes, names) are text.
    /// </summary>
    private static bool ExpandsVariables(NginxStatement statement, int index) => statement.Name switch
    {
        "" => index == statement.Args.Count - 1,
        "rewrite" or "set" or "proxy_set_header" or "add_header" or "more_set_headers" => index >= 1,
        "return" or "proxy_pass" or "access_log" or "ssl_certificate" or "ssl_certificate_key" or "proxy_redirect" or "proxy_cookie_domain"
            or "proxy_cookie_path" or "error_page" or "root" or "alias" or "proxy_ssl_name" or "grpc_pass" => true,
        _ => false,
    };

    /// <summary>Null when <paramref name="now"/> reads no variable <paramref name="was"/> did not; else what it reads.</summary>
    private static string? NewVariables(string was, string now)
    {
        try
        {
            var before = NginxScript.Expand(was).Variables.Append("dollar").ToHashSet(StringComparer.Ordinal);
            var added = NginxScript.Expand(now).Variables.Where(name => !before.Contains(name)).ToList();
            return added.Count == 0 ? null : $"reads the variable(s) {string.Join(", ", added.Select(name => "$" + name))}";
        }
        catch (FormatException e)
        {
            return $"would fail nginx -t: {e.Message}";
        }
    }

    /// <summary>The statements, with the config version (a hash of everything else) taken out of the comparison.</summary>
    public static IReadOnlyList<NginxStatement> Statements(RenderedConfig rendered) =>
        NginxConfTokenizer.Parse(rendered.Text.Replace(rendered.Version, "config-version", StringComparison.Ordinal));
}
