namespace NginxIngress.Integration.Tests.Image;

/// <summary>A RUN of the build stage, as it ran on the host: its Dockerfile text, exit code and combined output.</summary>
public sealed record RehearsedCommand(DockerfileInstruction Instruction, string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"{Instruction}{Environment.NewLine}ran as: {CommandLine}{Environment.NewLine}exit code {ExitCode}{Environment.NewLine}{Output}";
}
