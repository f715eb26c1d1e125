using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.Published;

/// <summary>
/// The published controller, <c>nginx-ingress run --manifests DIR</c>, with the environment the image gives it: its
/// own process, supervising nginx as its child, on free ports. Its stdout and stderr (nginx's access log among them)
/// go to <see cref="LogFile"/>, so the benchmark spends no CPU reading them. Reads what a benchmark needs from
/// outside: health, reloads from /metrics, the config nginx serves, and CPU time from /proc.
/// </summary>
public sealed partial class ControllerProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly bool _ownsWorkDirectory;

    private ControllerProcess(Process process, string workDirectory, bool ownsWorkDirectory, int httpPort, int healthzPort, int statusPort)
    {
        _process = process;
        _ownsWorkDirectory = ownsWorkDirectory;
        WorkDirectory = workDirectory;
        HttpPort = httpPort;
        HealthzPort = healthzPort;
        StatusPort = statusPort;
    }

    public int Pid => _process.Id;

    public int HttpPort { get; }

    public int HealthzPort { get; }

    public int StatusPort { get; }

    /// <summary>Holds the controller's <c>--work-dir</c> (<c>work/</c>) and <see cref="LogFile"/>.</summary>
    public string WorkDirectory { get; }

    public string LogFile => Path.Combine(WorkDirectory, "controller.log");

    public string LiveConfigPath => Path.Combine(WorkDirectory, "work", "live", "nginx.conf");

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the controller on <paramref name="manifests"/>. Its files go to <paramref name="workDirectory"/>, which
    /// outlives it; without one, to a temporary folder deleted when it is disposed.
    /// </summary>
    public static ControllerProcess Start(string binary, string manifests, string? workDirectory = null, string? nginx = null)
    {
        var owned = workDirectory is null;
        workDirectory ??= Directory.CreateTempSubdirectory("nginx-ingress-bench-run-").FullName;
        Directory.CreateDirectory(workDirectory);
        var (httpPort, httpsPort) = (FreePort.On(IPAddress.Any), FreePort.On(IPAddress.Any));
        var (healthzPort, statusPort) = (FreePort.On(IPAddress.Any), FreePort.On(IPAddress.Loopback));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec: the pid we hold is the controller's own, whose /proc entry the memory and CPU readings need.
        string[] arguments =
        [
            "-c", "exec \"$@\" >\"$LOG\" 2>&1", "sh", binary, "run",
            "--manifests", manifests, "--work-dir", Path.Combine(workDirectory, "work"),
            "--http-port", Str(httpPort), "--https-port", Str(httpsPort), "--healthz-port", Str(healthzPort), "--status-port", Str(statusPort),
        ];
        foreach (var argument in nginx is null ? arguments : [.. arguments, "--nginx-binary", nginx])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LOG"] = Path.Combine(workDirectory, "controller.log");
        // As the image starts it (docker/Dockerfile): the memory figures are the ones a pod shows.
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        return new ControllerProcess(process, workDirectory, owned, httpPort, healthzPort, statusPort);
    }

    /// <summary>Starts the controller and returns once /healthz says nginx serves the full config.</summary>
    public static async Task<ControllerProcess> StartHealthyAsync(string binary, string manifests, TimeSpan startTimeout)
    {
        var controller = Start(binary, manifests);
        try
        {
            await controller.WaitHealthyAsync(startTimeout);
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{HealthzPort}/healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls /healthz (200: nginx serves the current config) until it answers 200.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await IsHealthyAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the controller exited with {_process.ExitCode}; see {LogFile}");
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the controller was not healthy within {timeout.TotalSeconds:F0} s; see {LogFile}");
            }
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    /// <summary><c>nginx_ingress_controller_success</c> on /metrics: the verified reloads since start.</summary>
    public async Task<int> ReloadsAsync() => Reloads(await Http.GetStringAsync($"http://127.0.0.1:{HealthzPort}/metrics"));

    /// <summary>
    /// <see cref="ReloadsAsync"/>, counting the config nginx serves now: nginx answers a new version a moment before
    /// the controller has verified it and counted the reload, so this waits until <c>…_config_hash</c> names the
    /// served version.
    /// </summary>
    public async Task<int> ReloadsAfterServedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var served = VersionLine().Match(await ServedConfigAsync() ?? "");
            var metrics = await Http.GetStringAsync($"http://127.0.0.1:{HealthzPort}/metrics");
            var hash = HashMetric().Match(metrics);
            if (served.Success && hash.Success
                && double.Parse(hash.Groups["value"].Value, CultureInfo.InvariantCulture) == long.Parse(served.Groups["version"].ValueSpan[..13], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))
            {
                return Reloads(metrics);
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("the controller's metrics never named the config nginx serves");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>The live nginx.conf once nginx answers its version on the status port; null while a newer one is on its way.</summary>
    public async Task<string?> ServedConfigAsync()
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(LiveConfigPath);
        }
        catch (IOException)
        {
            return null;
        }
        var version = VersionLine().Match(text);
        if (!version.Success)
        {
            return null;
        }
        try
        {
            var served = (await Http.GetStringAsync($"http://127.0.0.1:{StatusPort}/nginx-ingress/config-version")).Trim();
            return served == version.Groups["version"].Value ? text : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until the served config satisfies <paramref name="condition"/>.</summary>
    public async Task WaitServedAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (await ServedConfigAsync() is not { } text || !condition(text))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"within {timeout.TotalSeconds} s: {what}");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>The nginx master's pid, from its pid file; null before it wrote one.</summary>
    public int? NginxMasterPid()
    {
        try
        {
            return int.Parse(File.ReadAllText(Path.Combine(WorkDirectory, "work", "live", "nginx.pid")).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU time of the controller (with the <c>nginx -t</c> runs it reaped) and of nginx: the master (with the workers it
    /// reaped) and the workers alive now.
    /// </summary>
    public (TimeSpan Controller, TimeSpan Nginx) Cpu()
    {
        var controller = ProcStat.Read(Pid);
        var own = controller is null ? TimeSpan.Zero : controller.OwnCpu + controller.ReapedChildrenCpu;
        var master = NginxMasterPid() is { } pid ? ProcStat.Read(pid) : null;
        if (master is null)
        {
            return (own, TimeSpan.Zero);
        }
        var workers = ProcStat.All().Select(ProcStat.Read).Where(stat => stat is not null && stat.ParentPid == master.Pid)
            .Aggregate(TimeSpan.Zero, (sum, stat) => sum + stat!.OwnCpu);
        return (own, master.OwnCpu + master.ReapedChildrenCpu + workers);
    }

    /// <summary>SIGTERM, as the kubelet stops a pod: the controller asks nginx to drain and exits; killed with its nginx if it takes over 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", Str(_process.Id)]))
            {
                await kill.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("controller: did not stop within 30 s of SIGTERM; killing it and its nginx");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        if (_ownsWorkDirectory)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left to /tmp's cleaning.
            }
        }
    }

    private static int Reloads(string metrics)
    {
        var match = SuccessMetric().Match(metrics);
        return match.Success
            ? (int)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)
            : throw new FormatException("/metrics has no nginx_ingress_controller_success");
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^nginx_ingress_controller_success(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SuccessMetric();

    [GeneratedRegex(@"^nginx_ingress_controller_config_hash(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex HashMetric();

    [GeneratedRegex("config-version \\{\\s*default_type text/plain;\\s*return 200 \"(?<version>[0-9a-f]{64})\";")]
    private static partial Regex VersionLine();
}
