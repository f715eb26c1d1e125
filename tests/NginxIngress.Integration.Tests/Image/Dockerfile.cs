using System.Text.RegularExpressions;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// docker/Dockerfile, parsed enough to check it without a Docker engine: stages, instructions, flags and the
/// exec form. Like Docker, it joins lines ending in a backslash and drops comment lines, even inside a
/// continuation. It does not know the escape parser directive, heredocs (<c>RUN &lt;&lt;EOF</c>, refused
/// rather than misread) or ARG/ENV substitution.
/// </summary>
public sealed partial record Dockerfile(IReadOnlyList<DockerfileStage> Stages)
{
    public static string PathInRepo => Path.Combine(RepoPaths.Root, "docker", "Dockerfile");

    /// <summary>The stage the image is made of: the last one.</summary>
    public DockerfileStage Runtime => Stages[^1];

    public static Dockerfile Load() => Parse(File.ReadAllText(PathInRepo));

    public DockerfileStage Stage(string name) =>
        Stages.SingleOrDefault(stage => string.Equals(stage.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"The Dockerfile has no stage named {name}.");

    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerfileStage>();
        string? baseImage = null;
        string? name = null;
        var instructions = new List<DockerfileInstruction>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                if (baseImage is not null)
                {
                    stages.Add(new DockerfileStage { BaseImage = baseImage, Name = name, Instructions = instructions });
                }
                var words = instruction.Words;
                baseImage = words[0];
                name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                instructions = [];
            }
            else if (baseImage is null && instruction.Keyword != "ARG")
            {
                throw new FormatException($"{instruction}: only ARG may come before the first FROM");
            }
            else if (baseImage is not null)
            {
                instructions.Add(instruction);
            }
        }
        if (baseImage is null)
        {
            throw new FormatException("The Dockerfile has no FROM.");
        }
        stages.Add(new DockerfileStage { BaseImage = baseImage, Name = name, Instructions = instructions });
        return new Dockerfile(stages);
    }

    private static IEnumerable<DockerfileInstruction> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (IsBlankOrComment(lines[i]))
            {
                continue;
            }
            var start = i + 1;
            var joined = lines[i].TrimEnd();
            while (joined.EndsWith('\\'))
            {
                joined = joined[..^1];
                // Comment and blank lines inside a continuation are dropped, and the continuation goes on past them.
                do
                {
                    i++;
                }
                while (i < lines.Length && IsBlankOrComment(lines[i]));
                if (i == lines.Length)
                {
                    break;
                }
                joined += lines[i].TrimEnd();
            }
            yield return Instruction(joined.Trim(), start);
        }
    }

    private static DockerfileInstruction Instruction(string text, int line)
    {
        var match = InstructionShape().Match(text);
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Capture flag in match.Groups["flag"].Captures)
        {
            var parts = flag.Value.Split('=', 2);
            flags[parts[0]] = parts.Length == 2 ? parts[1] : "true";
        }
        var arguments = match.Groups["arguments"].Value.Trim();
        if (arguments.StartsWith("<<", StringComparison.Ordinal))
        {
            throw new FormatException($"line {line}: heredocs are not understood by this parser; extend it or avoid them");
        }
        return new DockerfileInstruction { Keyword = match.Groups["keyword"].Value.ToUpperInvariant(), Flags = flags, Arguments = arguments, Line = line };
    }

    private static bool IsBlankOrComment(string line) => line.TrimStart() is var trimmed && (trimmed.Length == 0 || trimmed.StartsWith('#'));

    [GeneratedRegex(@"^(?<keyword>[A-Za-z]+)(\s+--(?<flag>[a-z-]+(=\S*)?))*(\s+(?<arguments>.*))?$", RegexOptions.Singleline)]
    private static partial Regex InstructionShape();
}
