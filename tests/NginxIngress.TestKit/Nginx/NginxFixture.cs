using System.Diagnostics;
using System.Net;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// A real nginx (Debian's <c>/usr/sbin/nginx</c>) for one test, in a private prefix directory, on a free port of
/// its own loopback address. <see cref="ApplyAsync"/> starts it with a rendered config, or reloads it, and only
/// returns once nginx serves that config: the version endpoint answers the new version and every worker of
/// the previous config has exited. <see cref="DisposeAsync"/> stops the master and its workers, whatever state
/// the test left them in. If another process takes one of its ports before nginx binds it, nginx is started
/// again on fresh ports (the config's listen directives moved along) instead of failing the test.
/// </summary>
public sealed class NginxFixture : IAsyncDisposable
{
    private const int StartAttempts = 3;

    /// <summary>nginx's own message when a port it listens on is taken.</summary>
    private const string AddressInUse = "Address already in use";

    private static readonly string Binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(15);
    private static readonly HttpClient StatusClient = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private readonly string _prefix;
    private readonly ProcessLog _log = new();
    private readonly ListenerMoves _listeners = new();
    private Process? _master;
    private string? _configText;
    private bool _disposed;

    private NginxFixture(string prefix, IPAddress address, int httpPort, int httpsPort, int statusPort)
    {
        _prefix = prefix;
        Address = address;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        StatusPort = statusPort;
    }

    /// <summary>The address nginx listens on; requests go here, whatever Host they carry.</summary>
    public IPAddress Address { get; }

    /// <summary>The port nginx listens on; it changes only if the first start found a port taken.</summary>
    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public int StatusPort { get; private set; }

    /// <summary>Render with these settings: they carry this instance's ports and log paths.</summary>
    public NginxSettings Settings => new()
    {
        HttpPort = HttpPort,
        HttpsPort = HttpsPort,
        // Tests may only use loopback, and a per-test address keeps parallel tests apart.
        BindAddress = Address,
        // [::]:port is one socket for every test: two fixtures whose ports coincide on different loopback
        // addresses would collide there.
        Ipv6 = false,
        StatusPort = StatusPort,
        WorkerProcesses = "1",
        WorkerConnections = 1024,
        AccessLog = Path.Combine(_prefix, "access.log"),
        ErrorLog = "stderr",
    };

    /// <summary>What a client puts in Host when it addresses nginx itself, as the conformance runner does.</summary>
    public string HostHeader => $"{Address}:{HttpPort}";

    public Uri BaseUri => new($"http://{Address}:{HttpPort}");

    /// <summary>Whether disposing prints <see cref="Describe"/> into a failing test's output; off when an owner prints more.</summary>
    public bool DescribesItselfOnFailure { get; set; } = true;

    /// <summary>The last lines nginx wrote to its stdout and stderr (an access log on /dev/stdout among them).</summary>
    public string Output => _log.ToString();

    /// <summary>The version nginx answers now; null before the first apply.</summary>
    public string? Version { get; private set; }

    /// <summary>Allocates a prefix directory and ports; nginx itself starts with the first <see cref="ApplyAsync"/>.</summary>
    public static NginxFixture Create(IPAddress address)
    {
        var prefix = Directory.CreateTempSubdirectory("nginx-ingress-test-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Workers run as an unprivileged user and must reach the temp folders nginx creates under the prefix.
            File.SetUnixFileMode(prefix, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        return new NginxFixture(prefix, address, FreePort.On(address), FreePort.On(address), FreePort.On(IPAddress.Loopback));
    }

    private string ConfigPath => Path.Combine(_prefix, "nginx.conf");

    public async Task ApplyAsync(RenderedConfig config, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_master is null)
        {
            await StartAsync(config, cancellationToken);
            return;
        }
        // A config rendered before a retry moved the ports still names the old ones.
        var text = _listeners.Apply(config.Text);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ApplyTimeout);

        // A config nginx rejects would leave the old one running and the wait below timing out; say why at once.
        var candidate = Path.Combine(_prefix, "nginx.conf.next");
        await BundleWriter.WriteFilesAsync(_prefix, config.Files, timeout.Token);
        await File.WriteAllTextAsync(candidate, text, timeout.Token);
        var test = await RunAsync(["-t", "-q", "-c", candidate], timeout.Token);
        if (test.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -t rejects the config:{Environment.NewLine}{test.StandardError}");
        }
        File.Move(candidate, ConfigPath, overwrite: true);
        _configText = text;
        var oldWorkers = ChildProcesses.Of(_master.Id);
        var reload = await RunAsync(["-s", "reload", "-c", ConfigPath], timeout.Token);
        if (reload.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -s reload failed:{Environment.NewLine}{reload.StandardError}");
        }
        await WaitUntilServingAsync(config.Version, oldWorkers, timeout.Token);
    }

    /// <summary>
    /// Starts nginx on <paramref name="config"/>. A port can still be taken between <see cref="FreePort"/> and
    /// nginx's bind (by a process that does not take part in FreePort's reservations); then nginx exits saying
    /// so, and it is started again on fresh ports.
    /// </summary>
    private async Task StartAsync(RenderedConfig config, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ApplyTimeout);
            var text = _listeners.Apply(config.Text);
            await BundleWriter.WriteFilesAsync(_prefix, config.Files, timeout.Token);
            await WriteAtomicallyAsync(ConfigPath, text, timeout.Token);
            _configText = text;
            var output = new LogPosition(_log.ToString().Length, FileLength(ErrorLogPath));
            Start();
            try
            {
                await WaitUntilServingAsync(config.Version, [], timeout.Token);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && _master is { HasExited: true })
            {
                if (!await ExitedBecauseAddressInUseAsync(output, timeout.Token))
                {
                    throw;
                }
            }
            _log.Add($"[fixture] port {HttpPort}, {HttpsPort} or {StatusPort} was taken before nginx bound it; starting nginx again on new ports");
            _master.Dispose();
            _master = null;
            var (httpPort, httpsPort, statusPort) = (FreePort.On(Address), FreePort.On(Address), FreePort.On(IPAddress.Loopback));
            _listeners.Move(HttpPort, httpPort);
            _listeners.Move(HttpsPort, httpsPort);
            _listeners.Move(StatusPort, statusPort);
            (HttpPort, HttpsPort, StatusPort) = (httpPort, httpsPort, statusPort);
        }
    }

    /// <summary>Where nginx's output stood when an attempt began, so that only that attempt's lines are read.</summary>
    private readonly record struct LogPosition(int Output, long ErrorLog);

    private string ErrorLogPath => Path.Combine(_prefix, "error.log");

    private async Task<bool> ExitedBecauseAddressInUseAsync(LogPosition start, CancellationToken cancellationToken)
    {
        // Exited, but its last lines may still be on their way through the pipe.
        await _master!.WaitForExitAsync(cancellationToken);
        var output = _log.ToString();
        // nginx reports a failed bind() where its error_log points at that moment: stderr or the -e file.
        return output[Math.Min(start.Output, output.Length)..].Contains(AddressInUse, StringComparison.Ordinal)
            || ReadFrom(ErrorLogPath, start.ErrorLog).Contains(AddressInUse, StringComparison.Ordinal);
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string ReadFrom(string path, long offset)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The config as nginx runs it and the last lines nginx logged: what a failing test should print.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"--- nginx on {HostHeader} (status port {StatusPort}), prefix {_prefix}, version {Version ?? "(none)"}");
        text.AppendLine("--- nginx output:");
        text.AppendLine(_log.ToString());
        text.AppendLine("--- access log:");
        text.AppendLine(ReadTail(Path.Combine(_prefix, "access.log")));
        text.AppendLine("--- nginx.conf:");
        text.AppendLine(_configText ?? "(never applied)");
        return text.ToString();
    }

    private void Start()
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in CommonArguments(ConfigPath).Concat(["-g", "daemon off;"]))
        {
            start.ArgumentList.Add(argument);
        }
        var master = new Process { StartInfo = start };
        master.OutputDataReceived += (_, line) => _log.Add(line.Data);
        master.ErrorDataReceived += (_, line) => _log.Add(line.Data);
        master.Start();
        master.BeginOutputReadLine();
        master.BeginErrorReadLine();
        _master = master;
    }

    private async Task WaitUntilServingAsync(string version, IReadOnlyList<int> oldWorkers, CancellationToken cancellationToken)
    {
        var statusUri = new Uri($"http://127.0.0.1:{StatusPort}/nginx-ingress/config-version");
        string? answered = null;
        while (true)
        {
            if (_master!.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_master.ExitCode} before serving version {version}.{Environment.NewLine}{Describe()}");
            }
            answered = await TryGetAsync(statusUri, cancellationToken) ?? answered;
            if (answered == version && !oldWorkers.Any(ChildProcesses.IsAlive))
            {
                Version = version;
                return;
            }
            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nginx did not serve version {version} within {ApplyTimeout.TotalSeconds} s (last answer: {answered ?? "none"}).{Environment.NewLine}{Describe()}");
            }
        }
    }

    private static async Task<string?> TryGetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await StatusClient.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(cancellationToken)).Trim() : null;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // a single slow answer during start-up
        }
    }

    private Task<BufferedCommandResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Cli.Wrap(Binary)
            .WithArguments(arguments.Concat(["-p", _prefix + "/", "-e", ErrorLogPath]))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);

    private IEnumerable<string> CommonArguments(string config) => ["-p", _prefix + "/", "-c", config, "-e", ErrorLogPath];

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static string ReadTail(string path, int lines = 60)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(none)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_master is { } master)
        {
            await StopAsync(master);
            master.Dispose();
        }
        if (DescribesItselfOnFailure)
        {
            await FailureOutput.WriteIfFailingAsync(Describe);
        }
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test for it is not.
        }
    }

    /// <summary>Fast shutdown (SIGTERM through <c>nginx -s stop</c>), then, if anything is still alive, SIGKILL for master and workers.</summary>
    private async Task StopAsync(Process master)
    {
        if (master.HasExited)
        {
            return;
        }
        var workers = ChildProcesses.Of(master.Id);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await RunAsync(["-s", "stop", "-c", ConfigPath], grace.Token);
            while (!master.HasExited)
            {
                await Task.Delay(10, grace.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _log.Add("[fixture] nginx did not stop within 5 s; killing it");
        }
        if (!master.HasExited)
        {
            master.Kill(entireProcessTree: true);
        }
        foreach (var pid in workers.Where(ChildProcesses.IsNginxWorker))
        {
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }
            catch (ArgumentException)
            {
                // Exited in between.
            }
        }
        await master.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

}
