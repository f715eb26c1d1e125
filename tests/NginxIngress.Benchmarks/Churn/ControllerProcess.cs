using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CliWrap;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.Churn;

/// <summary>
/// The published controller, <c>nginx-ingress run --manifests DIR</c>, as its own process with nginx as its child, on
/// free loopback ports. Its output (the access log on stdout among it) is drained and dropped, as a container
/// runtime would take it. Reads what a benchmark needs from outside: reloads from /metrics, CPU time from /proc,
/// and whether nginx serves a config (the version in <c>live/nginx.conf</c> is the one the status port answers).
/// </summary>
public sealed partial class ControllerProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly string _workDirectory;

    private ControllerProcess(Process process, string workDirectory, int httpPort, int healthzPort, int statusPort)
    {
        _process = process;
        _workDirectory = workDirectory;
        HttpPort = httpPort;
        HealthzPort = healthzPort;
        StatusPort = statusPort;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
    }

    public int HttpPort { get; }

    public int HealthzPort { get; }

    public int StatusPort { get; }

    public int Pid => _process.Id;

    public string LiveConfigPath => Path.Combine(_workDirectory, "live", "nginx.conf");

    /// <summary>The nginx master's pid, from its pid file; null before it wrote one.</summary>
    public int? NginxMasterPid()
    {
        try
        {
            return int.Parse(File.ReadAllText(Path.Combine(_workDirectory, "live", "nginx.pid")).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Starts the controller and returns once /healthz says nginx serves the full config.</summary>
    public static async Task<ControllerProcess> StartAsync(string executable, string manifests, TimeSpan startTimeout)
    {
        var workDirectory = Directory.CreateTempSubdirectory("nginx-ingress-bench-churn-").FullName;
        var (http, https, healthz, status) = (FreePort.On(IPAddress.Loopback), FreePort.On(IPAddress.Loopback), FreePort.On(IPAddress.Loopback), FreePort.On(IPAddress.Loopback));
        var start = new ProcessStartInfo(executable,
        [
            "run", "--manifests", manifests, "--work-dir", workDirectory,
            "--http-port", $"{http}", "--https-port", $"{https}", "--healthz-port", $"{healthz}", "--status-port", $"{status}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var controller = new ControllerProcess(Process.Start(start)!, workDirectory, http, healthz, status);
        var clock = Stopwatch.StartNew();
        while (!await controller.HealthyAsync())
        {
            if (controller._process.HasExited || clock.Elapsed > startTimeout)
            {
                await controller.DisposeAsync();
                throw new InvalidOperationException($"the controller did not become healthy within {startTimeout.TotalSeconds} s");
            }
            await Task.Delay(100);
        }
        return controller;
    }

    public async Task<bool> HealthyAsync()
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

    /// <summary>
    /// Verified reloads (ingress-nginx's <c>nginx_ingress_controller_success</c>), counting the config nginx serves now:
    /// nginx answers a new version a moment before the controller has verified it and counted the reload, so this
    /// waits until <c>…_config_hash</c> names the served version.
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
                var count = SuccessMetric().Match(metrics);
                return count.Success ? (int)double.Parse(count.Groups["value"].Value, CultureInfo.InvariantCulture) : throw new FormatException("no nginx_ingress_controller_success in /metrics");
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("the controller's metrics never named the config nginx serves");
            }
            await Task.Delay(20);
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

    /// <summary>SIGTERM, as the kubelet stops a pod: the controller asks nginx to drain and exits; killed if it takes over 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Cli.Wrap("kill").WithArguments(["-TERM", $"{_process.Id}"]).WithValidation(CommandResultValidation.None).ExecuteAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to /tmp's cleaning.
        }
    }

    [GeneratedRegex(@"^nginx_ingress_controller_success(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SuccessMetric();

    [GeneratedRegex(@"^nginx_ingress_controller_config_hash(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex HashMetric();

    [GeneratedRegex("config-version \\{\\s*default_type text/plain;\\s*return 200 \"(?<version>[0-9a-f]{64})\";")]
    private static partial Regex VersionLine();
}
