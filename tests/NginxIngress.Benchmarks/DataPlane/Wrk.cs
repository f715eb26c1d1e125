using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>Runs the <c>wrk</c> binary (Debian's package) against one URL with a Host header.</summary>
public sealed record Wrk(string Binary, int Threads, int Connections)
{
    /// <param name="script">A wrk Lua script (for example one whose delay() paces each connection); null for none.</param>
    public async Task<WrkResult> RunAsync(Uri url, string host, TimeSpan duration, string? script = null, CancellationToken cancellationToken = default)
    {
        List<string> arguments =
        [
            "-t", Threads.ToString(CultureInfo.InvariantCulture),
            "-c", Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s",
            "--latency",
            "-H", $"Host: {host}",
        ];
        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }
        arguments.Add(url.ToString());
        var result = await Cli.Wrap(Binary).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        }
        return WrkResult.Parse(result.StandardOutput);
    }
}
