using System.Text.Json;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// One Dockerfile instruction, continuation lines joined: its keyword (upper case), its leading
/// <c>--name=value</c> flags (<c>--from</c>, <c>--chown</c>, <c>--platform</c>…) and the text after them.
/// </summary>
public sealed record DockerfileInstruction
{
    public required string Keyword { get; init; }

    public required IReadOnlyDictionary<string, string> Flags { get; init; }

    public required string Arguments { get; init; }

    /// <summary>The line the instruction starts on, for failure messages.</summary>
    public required int Line { get; init; }

    /// <summary>
    /// The JSON array of the exec form (<c>CMD ["a", "b"]</c>), or null for the shell form. A bracketed text
    /// that is not a JSON array of strings is shell form, as Docker reads it.
    /// </summary>
    public IReadOnlyList<string>? ExecForm
    {
        get
        {
            if (!Arguments.StartsWith('['))
            {
                return null;
            }
            try
            {
                return JsonSerializer.Deserialize<string[]>(Arguments);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The arguments as words: the exec form's items, else the text split on whitespace (no shell quoting).</summary>
    public IReadOnlyList<string> Words => ExecForm ?? Arguments.Split(' ', '\t').Where(word => word.Length > 0).ToArray();

    public override string ToString() =>
        $"line {Line}: {string.Join(' ', Flags.Select(flag => $"--{flag.Key}={flag.Value}").Prepend(Keyword).Append(Arguments))}";
}
