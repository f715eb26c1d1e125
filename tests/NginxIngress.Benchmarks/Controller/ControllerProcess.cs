using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>
/// The published <c>nginx-ingress run --manifests DIR</c>, as a user starts it: its own process, supervising
/// nginx as its child, on free ports. Its stdout and stderr (nginx's access log included) go to a file, so the
/// benchmark does not spend CPU reading them.
/// </summary>
internal sealed partial class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ControllerProcess(Process process, string workDirectory, int httpPort, int healthzPort)
    {
        _process = process;
        WorkDirectory = workDirectory;
        HttpPort = httpPort;
        HealthzPort = healthzPort;
    }

    public int Pid => _process.Id;

    public int HttpPort { get; }

    public int HealthzPort { get; }

    public string WorkDirectory { get; }

    public string LogFile => Path.Combine(WorkDirectory, "controller.log");

    public bool HasExited => _process.HasExited;

    public static ControllerProcess Start(string binary, string nginx, string manifests, string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var (httpPort, httpsPort) = (FreePort.On(IPAddress.Any), FreePort.On(IPAddress.Any));
        var (healthzPort, statusPort) = (FreePort.On(IPAddress.Any), FreePort.On(IPAddress.Loopback));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec: the pid we hold is the controller's own, whose /proc entry the memory readings need.
        foreach (var arg in (string[])["-c", "exec \"$@\" >\"$LOG\" 2>&1", "sh", binary, "run",
                     "--manifests", manifests, "--work-dir", Path.Combine(workDirectory, "work"), "--nginx-binary", nginx,
                     "--http-port", Str(httpPort), "--https-port", Str(httpsPort), "--healthz-port", Str(healthzPort), "--status-port", Str(statusPort)])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LOG"] = Path.Combine(workDirectory, "controller.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        return new ControllerProcess(process, workDirectory, httpPort, healthzPort);
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await _http.GetAsync($"http://127.0.0.1:{HealthzPort}/healthz");
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
    public async Task<int> ReloadsAsync()
    {
        var metrics = await _http.GetStringAsync($"http://127.0.0.1:{HealthzPort}/metrics");
        var match = ReloadCounter().Match(metrics);
        if (!match.Success)
        {
            throw new InvalidOperationException("/metrics has no nginx_ingress_controller_success");
        }
        return (int)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM: the controller asks nginx to drain, as in a pod's shutdown. The probes' connections are closed
            // by now, so the drain is quick; a controller that hangs is killed with its nginx.
            using (var kill = Process.Start("kill", ["-TERM", Str(_process.Id)]))
            {
                await kill.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("controller: did not stop within 20 s of SIGTERM; killing it and its nginx");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^nginx_ingress_controller_success(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ReloadCounter();
}
