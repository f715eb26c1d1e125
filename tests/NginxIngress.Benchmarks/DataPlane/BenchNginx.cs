using System.Diagnostics;
using System.Net.Sockets;
using CliWrap;
using CliWrap.Buffered;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>
/// One nginx master (<c>daemon off</c>) on a config text, in a private prefix folder. Its stdout, where an access log
/// on <c>/dev/stdout</c> goes, is a pipe this process drains and counts, as a container runtime would: writes to
/// it cost what they cost in a pod, not what a write to /dev/null costs.
/// </summary>
public sealed class BenchNginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;
    private readonly Task<string> _errors;
    private readonly string _prefix;
    private readonly string _binary;
    private long _stdoutBytes;
    private long _stdoutLines;
    private bool _disposed;

    private BenchNginx(string binary, string prefix, Process process)
    {
        _binary = binary;
        _prefix = prefix;
        _process = process;
        _drain = Task.Run(DrainAsync);
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Lines nginx wrote to stdout so far (access log lines, when the log goes there).</summary>
    public long StdoutLines => Interlocked.Read(ref _stdoutLines);

    public long StdoutBytes => Interlocked.Read(ref _stdoutBytes);

    public int Pid => _process.Id;

    /// <summary>Writes <paramref name="files"/> (nginx.conf first) under a new prefix, checks them with <c>nginx -t</c>, starts nginx, and waits until <paramref name="ready"/> answers at all.</summary>
    public static async Task<BenchNginx> StartAsync(string binary, string configText, IReadOnlyDictionary<string, string> files, Uri ready)
    {
        var prefix = Directory.CreateTempSubdirectory("nginx-ingress-bench-dataplane-").FullName;
        // Workers run as an unprivileged user (when started as root) and must reach the prefix's temp folders.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        }
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(prefix, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, configText);
        var test = await Cli.Wrap(binary).WithArguments(["-t", "-q", "-p", prefix + "/", "-c", config, "-e", "stderr"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (test.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -t rejects {config}: {test.StandardError}");
        }
        var start = new ProcessStartInfo(binary, ["-p", prefix + "/", "-c", config, "-e", "stderr", "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var nginx = new BenchNginx(binary, prefix, Process.Start(start)!);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (nginx._process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {nginx._process.ExitCode}: {await nginx._errors}");
            }
            try
            {
                // Any answer will do (a default server says 404 to a request without the route's Host): nginx listens.
                using var response = await client.GetAsync(ready);
                return nginx;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                await nginx.DisposeAsync();
                throw new TimeoutException($"nginx did not answer {ready} within 15 s");
            }
            await Task.Delay(20);
        }
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[1 << 16];
        var stream = _process.StandardOutput.BaseStream;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            Interlocked.Add(ref _stdoutBytes, read);
            Interlocked.Add(ref _stdoutLines, buffer.AsSpan(0, read).Count((byte)'\n'));
        }
    }

    /// <summary>Stops nginx gracefully (<c>-s quit</c>): workers flush their buffered access log lines before they exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            await Cli.Wrap(_binary).WithArguments(["-p", _prefix + "/", "-c", Path.Combine(_prefix, "nginx.conf"), "-e", "stderr", "-s", "quit"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        await _drain;
        await _errors;
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // nginx may still be removing a temp folder; /tmp is cleaned anyway.
        }
    }
}
