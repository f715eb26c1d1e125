namespace NginxIngress.Integration.Tests.Image;

/// <summary>One <c>FROM</c> and the instructions up to the next.</summary>
public sealed record DockerfileStage
{
    public required string BaseImage { get; init; }

    /// <summary>The <c>AS</c> name, if any.</summary>
    public required string? Name { get; init; }

    public required IReadOnlyList<DockerfileInstruction> Instructions { get; init; }

    public IEnumerable<DockerfileInstruction> All(string keyword) => Instructions.Where(instruction => instruction.Keyword == keyword);

    /// <summary>The instruction that takes effect for a setting like CMD or USER: the stage's last one, or null if it sets none.</summary>
    public DockerfileInstruction? Effective(string keyword) => All(keyword).LastOrDefault();

    /// <summary>COPY and ADD instructions that read the build context, not another stage.</summary>
    public IEnumerable<DockerfileInstruction> ContextCopies =>
        Instructions.Where(instruction => instruction.Keyword is "COPY" or "ADD" && !instruction.Flags.ContainsKey("from"));
}
