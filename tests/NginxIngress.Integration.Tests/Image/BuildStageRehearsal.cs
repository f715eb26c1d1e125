using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// Runs a build stage of the Dockerfile on this machine, since CI has no Docker engine: a temp folder stands for
/// the container's "/", WORKDIR and COPY (from the repository, less what .dockerignore leaves out) fill it,
/// and each RUN runs there with /bin/sh. Only dotnet commands may RUN, as the host is not the SDK image; an
/// absolute <c>-o</c>/<c>--output</c> is moved into the temp root, and nothing else in the command changes.
/// Other instructions, COPY wildcards and <c>--from</c> are refused, so a Dockerfile this cannot rehearse
/// fails the test instead of passing it untested.
/// </summary>
public sealed partial class BuildStageRehearsal : IDisposable
{
    private readonly DockerIgnore _ignore;
    private readonly List<RehearsedCommand> _commands = [];
    private string _workdir = "/";

    private BuildStageRehearsal(DockerIgnore ignore)
    {
        _ignore = ignore;
        Root = Directory.CreateTempSubdirectory("nginx-ingress-image-").FullName;
    }

    /// <summary>The folder that stands for the container's root.</summary>
    public string Root { get; }

    public IReadOnlyList<RehearsedCommand> Commands => _commands;

    /// <summary>Stops at the first RUN that fails, as docker build does.</summary>
    public static async Task<BuildStageRehearsal> RunAsync(DockerfileStage stage, DockerIgnore ignore, TimeSpan commandTimeout)
    {
        var rehearsal = new BuildStageRehearsal(ignore);
        try
        {
            foreach (var instruction in stage.Instructions)
            {
                if (!await rehearsal.StepAsync(instruction, commandTimeout))
                {
                    break;
                }
            }
            return rehearsal;
        }
        catch
        {
            rehearsal.Dispose();
            throw;
        }
    }

    /// <summary>Where a path in the container lies on this machine.</summary>
    public string HostPath(string containerPath) => Path.Combine(Root, ContainerPathFrom(_workdir, containerPath).TrimStart('/'));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Applies one instruction; false when it was a RUN that failed.</summary>
    private async Task<bool> StepAsync(DockerfileInstruction instruction, TimeSpan commandTimeout)
    {
        switch (instruction.Keyword)
        {
            case "WORKDIR":
                _workdir = ContainerPathFrom(_workdir, instruction.Arguments);
                Directory.CreateDirectory(HostPath(_workdir));
                return true;
            case "COPY" when !instruction.Flags.ContainsKey("from"):
                Copy(instruction);
                return true;
            case "RUN":
                return (await RunCommandAsync(instruction, commandTimeout)).Succeeded;
            default:
                throw new NotSupportedException($"{instruction}: the rehearsal of the build stage does not know this instruction; extend BuildStageRehearsal");
        }
    }

    private static string ContainerPathFrom(string workdir, string path) =>
        Path.GetFullPath(path.StartsWith('/') ? path : Path.Combine(workdir, path)).TrimEnd('/') is { Length: > 0 } full ? full : "/";

    private void Copy(DockerfileInstruction instruction)
    {
        var words = instruction.Words;
        var sources = words.Take(words.Count - 1).ToList();
        var destination = words[^1];
        foreach (var source in sources)
        {
            if (source.IndexOfAny(['*', '?', '[']) >= 0)
            {
                throw new NotSupportedException($"{instruction}: wildcard sources are not rehearsed; extend BuildStageRehearsal");
            }
            var fromContext = Path.Combine(RepoPaths.Root, source);
            var relative = Path.GetRelativePath(RepoPaths.Root, fromContext);
            if (Directory.Exists(fromContext) && !_ignore.Excludes(relative))
            {
                // A folder's contents are copied, not the folder itself.
                CopyFolder(fromContext, HostPath(destination));
            }
            else if (File.Exists(fromContext) && !_ignore.Excludes(relative))
            {
                // Docker copies into the destination folder when it ends in "/" or there are several sources.
                var target = destination.EndsWith('/') || sources.Count > 1 ? Path.Combine(HostPath(destination), Path.GetFileName(source)) : HostPath(destination);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(fromContext, target, overwrite: true);
            }
            else
            {
                throw new InvalidOperationException($"{instruction}: {source} is not in the build context (missing, or left out by .dockerignore)");
            }
        }
    }

    private void CopyFolder(string folder, string target)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (_ignore.Excludes(relative))
            {
                continue;
            }
            var destination = Path.Combine(target, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
        Directory.CreateDirectory(target);
    }

    private async Task<RehearsedCommand> RunCommandAsync(DockerfileInstruction instruction, TimeSpan timeout)
    {
        if (instruction.ExecForm is not null || !instruction.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"{instruction}: only shell-form dotnet commands are rehearsed on the host; extend BuildStageRehearsal");
        }
        var commandLine = OutputFolder().Replace(instruction.Arguments, match => HostPath(match.Value));
        var start = new ProcessStartInfo("/bin/sh", ["-c", commandLine])
        {
            WorkingDirectory = HostPath(_workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host runs under dotnet test, whose MSBuild variables would steer this build; a docker build has none.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // No MSBuild node or build server may outlive the command: the test leaves no processes behind.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.AppendLine($"(killed after {timeout.TotalMinutes:0.#} min)");
        }
        await Task.WhenAll(stdout, stderr);
        var command = new RehearsedCommand(instruction, commandLine, process.ExitCode, output.ToString());
        _commands.Add(command);
        return command;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>The absolute folder of -o/--output, the one container path a dotnet command names.</summary>
    [GeneratedRegex(@"(?<=(?:^|\s)(?:-o|--output)(?:\s+|=))/\S*")]
    private static partial Regex OutputFolder();
}
