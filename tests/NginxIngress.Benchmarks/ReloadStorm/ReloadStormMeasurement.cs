using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>
/// <c>reload-storm</c> mode: the controller as users run it (<c>nginx-ingress run --manifests DIR</c>, a real process
/// with its real nginx) on the synthetic cluster, then a storm of reloads, each one an edit that must be served
/// before the next is written. Before each edit a slow request (answered after <c>--hold</c> seconds) is started
/// on the current workers, so every reload leaves its old workers draining, as long downloads or long polls do. A
/// sampler reads the worker generations alive from the controller's own gauge, and nginx's memory from /proc. One storm per
/// <c>--max-generations</c> value, so the bound is compared with no bound in the same run.
/// </summary>
public static partial class ReloadStormMeasurement
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static int Run(IReadOnlyList<string> args)
    {
        ReloadStormOptions options;
        try
        {
            options = ReloadStormOptions.From(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"reload-storm: {e.Message}");
            return 2;
        }
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Reload storm: {options.Reloads} reloads at {options.Ingresses:N0} Ingresses, each leaving a request held {options.Hold:0.#} s");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; `--max-worker-generations-wait {options.MaxWait:0.#}s`; nginx memory is the sum over master and workers, sampled every 50 ms.");
        report.AppendLine();
        report.AppendLine("| --max-worker-generations | storm took | reload p50 | peak generations | peak nginx RSS (sum) | peak nginx PSS (sum) | reloads held back | held back, total | gave up waiting |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var bound in options.MaxGenerations)
        {
            var result = StormAsync(options, bound).GetAwaiter().GetResult();
            report.AppendLine(result.Row(bound));
            Console.Error.WriteLine($"reload-storm: bound {bound}: {result.Row(bound)}");
        }
        if (options.Report is { } file)
        {
            File.WriteAllText(file, report.ToString());
        }
        Console.Out.Write(report.ToString());
        return 0;
    }

    private static async Task<StormResult> StormAsync(ReloadStormOptions options, int bound)
    {
        var root = Directory.CreateTempSubdirectory("nginx-ingress-storm-").FullName;
        var manifests = Path.Combine(root, "manifests");
        SyntheticCluster.Generate(options.Ingresses).WriteManifests(manifests);
        await using var fast = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "fast", "fast-1", "storm");
        await using var slow = HoldingBackend.Start(LoopbackAddresses.Next(), TimeSpan.FromSeconds(options.Hold));
        File.WriteAllText(Path.Combine(manifests, "storm-services.yaml"),
            StormManifests.Service("fast", new IPEndPoint(fast.Address, fast.Port)) + "---\n" + StormManifests.Service("slow", slow.EndPoint));
        File.WriteAllText(Path.Combine(manifests, "storm-slow.yaml"), StormManifests.Ingress("slow", "slow.storm.example", "slow"));
        WriteEdit(manifests, 0);

        var httpPort = FreePort.On(IPAddress.Loopback);
        var healthzPort = FreePort.On(IPAddress.Loopback);
        using var controller = StartController(manifests, Path.Combine(root, "work"), httpPort, healthzPort, bound, options.MaxWait);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, MaxConnectionsPerServer = 1000 }) { Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            await UntilAsync(async () => (await TryGetAsync(http, $"http://127.0.0.1:{healthzPort}/healthz", null)) == HttpStatusCode.OK, "the controller is healthy");
            await UntilAsync(async () => await TryGetAsync(http, $"http://127.0.0.1:{httpPort}/", "edit-0.storm.example") == HttpStatusCode.OK, "the first config is served");

            var nginx = new NginxMemory(Path.Combine(root, "work", "live", "nginx.pid"));
            using var sampling = new CancellationTokenSource();
            var peaks = new StormPeaks();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    // The controller's own count, which knows when it sent each reload; a count from outside could
                    // only split generations by start-time gaps, and a loaded node forks a large master slowly.
                    var generations = Metric(await http.GetStringAsync($"http://127.0.0.1:{healthzPort}/metrics"), "nginx_ingress_controller_nginx_worker_generations");
                    peaks.Observe(double.IsNaN(generations) ? null : (int)generations, nginx.Memory());
                    await Task.Delay(50, CancellationToken.None);
                }
            });

            var held = new List<Task>();
            var reloads = new List<double>();
            var storm = Stopwatch.StartNew();
            for (var i = 1; i <= options.Reloads; i++)
            {
                // A request on the workers of the config now served: they must finish it after the reload.
                var before = slow.Received;
                held.Add(TryGetAsync(http, $"http://127.0.0.1:{httpPort}/download", "slow.storm.example"));
                await UntilAsync(() => Task.FromResult(slow.Received > before), "the slow request reached its backend");
                var reload = Stopwatch.StartNew();
                WriteEdit(manifests, i);
                var host = $"edit-{i}.storm.example";
                await UntilAsync(async () => await TryGetAsync(http, $"http://127.0.0.1:{httpPort}/", host) == HttpStatusCode.OK, $"edit {i} is served");
                reloads.Add(reload.Elapsed.TotalSeconds);
            }
            var took = storm.Elapsed;
            await sampling.CancelAsync();
            await sampler;

            var metrics = await http.GetStringAsync($"http://127.0.0.1:{healthzPort}/metrics");
            reloads.Sort();
            return new StormResult(took, reloads[reloads.Count / 2], peaks.Generations, peaks.Rss, peaks.Pss,
                (int)Metric(metrics, "nginx_ingress_controller_reload_wait_seconds_count"), Metric(metrics, "nginx_ingress_controller_reload_wait_seconds_sum"),
                (int)Metric(metrics, "nginx_ingress_controller_reload_wait_timeouts"));
        }
        finally
        {
            // Not SIGTERM: the controller would drain nginx, waiting for every held request.
            controller.Kill(entireProcessTree: true);
            await controller.WaitForExitAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static void WriteEdit(string manifests, int edit) =>
        File.WriteAllText(Path.Combine(manifests, "storm-edit.yaml"), StormManifests.Ingress("edit", $"edit-{edit}.storm.example", "fast"));

    private static Process StartController(string manifests, string work, int httpPort, int healthzPort, int bound, double maxWait)
    {
        var controller = Path.Combine(AppContext.BaseDirectory, "nginx-ingress.dll");
        var start = new ProcessStartInfo("dotnet",
        [
            controller, "run", "--manifests", manifests, "--work-dir", work,
            "--http-port", $"{httpPort}", "--https-port", $"{FreePort.On(IPAddress.Loopback)}", "--healthz-port", $"{healthzPort}",
            "--status-port", $"{FreePort.On(IPAddress.Loopback)}",
            "--max-worker-generations", bound.ToString(CultureInfo.InvariantCulture),
            "--max-worker-generations-wait", string.Create(CultureInfo.InvariantCulture, $"{maxWait}s"),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        // nginx's access log goes to the controller's stdout: drain it, or nginx blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string url, string? host)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (host is not null)
            {
                request.Headers.Host = host;
            }
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"reload-storm: not within {Patience.TotalSeconds} s: {what}");
            }
            await Task.Delay(10);
        }
    }

    private static double Metric(string exposition, string name)
    {
        var match = Regex.Match(exposition, $@"^{Regex.Escape(name)}(?:\{{[^}}]*\}})? (?<value>\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) : double.NaN;
    }
}
