using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using NginxIngress.Benchmarks.Published;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.Churn;

/// <summary>
/// <c>churn</c> mode, on the published controller (<see cref="ControllerProcess"/>) with nginx as its child:
/// <list type="number">
/// <item>Under load: wrk at a paced rate through nginx while the Service's pods roll (each replaced one by one:
/// the new pod is added, the old one removed, and stopped once the config without it is live) and edits of another
/// Ingress force reloads in between. Counts failed requests and the peak number of nginx worker generations alive.</item>
/// <item>Endpoint churn cost: a 50-pod rollout (100 EndpointSlice changes, each waited on until live, as pods
/// that become ready seconds apart give) beside a synthetic cluster of 1k and 10k Ingresses: reloads, and CPU of the
/// controller (with its <c>nginx -t</c> runs) and of nginx.</item>
/// </list>
/// <code>churn [--controller PATH] [--rollouts 20] [--pods 3] [--reloads 100] [--connections 4] [--delay-ms 5] [--sizes 1000,10000] [--rollout-pods 50] [--wrk PATH] [--report FILE]</code>
/// </summary>
public static class ChurnMeasurement
{
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Beside 10k Ingresses one change took over 120 s to go live on a loaded 2-core machine; a bench should report slow, not fail.</summary>
    private static readonly TimeSpan CostLiveTimeout = TimeSpan.FromMinutes(10);

    public static int Run(IReadOnlyList<string> args)
    {
        ChurnOptions options;
        try
        {
            options = ChurnOptions.From(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"churn: {e.Message}");
            return 2;
        }
        if (!File.Exists(options.Controller))
        {
            Console.Error.WriteLine($"churn: {options.Controller} not found (make build publishes it; or pass --controller PATH)");
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ChurnOptions options)
    {
        var report = new StringBuilder();
        var failed = false;
        if (options.Rollouts > 0 || options.ForcedReloads > 0)
        {
            failed |= !await UnderLoadAsync(options, report);
        }
        if (options.Sizes.Count > 0)
        {
            await EndpointChurnCostAsync(options, report);
        }
        Console.Out.Write(report);
        if (options.Report is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }
        return failed ? 1 : 0;
    }

    private static async Task<bool> UnderLoadAsync(ChurnOptions options, StringBuilder report)
    {
        var folder = Directory.CreateTempSubdirectory("nginx-ingress-bench-churn-manifests-").FullName;
        var manifests = new ChurnManifests(folder);
        var port = FreePort.On(IPAddress.Loopback);
        var pods = new List<EchoBackend>();
        var started = 0;
        async Task<EchoBackend> StartPodAsync() => await EchoBackend.StartAsync(LoopbackAddresses.Next(), port, "churn", $"churn-{started++}", "bench");
        try
        {
            for (var i = 0; i < options.Pods; i++)
            {
                pods.Add(await StartPodAsync());
            }
            manifests.WriteIngressClass();
            manifests.WriteService(port);
            manifests.WriteEndpoints(port, pods.Select(pod => pod.Address.ToString()));
            await using var controller = await ControllerProcess.StartHealthyAsync(options.Controller, folder, TimeSpan.FromSeconds(60));
            await controller.WaitServedAsync(text => pods.All(pod => text.Contains(Upstream(pod.Address, port), StringComparison.Ordinal)), LiveTimeout, "the first config");
            var reloadsBefore = await controller.ReloadsAfterServedAsync();
            var cpuBefore = controller.Cpu();
            var clock = Stopwatch.StartNew();

            await using var generations = new GenerationSampler(controller.NginxMasterPid);
            var script = Path.Combine(folder, "..", $"churn-pace-{Environment.ProcessId}.lua");
            // wrk has no rate option; a delay after each response paces every connection (Debian's wrk is not wrk2).
            await File.WriteAllTextAsync(script, $"function delay() return {options.RequestDelayMilliseconds} end\n");
            using var wrk = Process.Start(new ProcessStartInfo(options.Wrk,
                ["-t", "2", "-c", $"{options.Connections}", "-d", "3600s", "--latency", "-s", script, "-H", $"Host: {ChurnManifests.Host}", $"http://127.0.0.1:{controller.HttpPort}/"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var wrkOutput = wrk.StandardOutput.ReadToEndAsync();
            var wrkErrors = wrk.StandardError.ReadToEndAsync();

            var replacements = options.Rollouts * options.Pods;
            var (forced, replaced) = (0, 0);
            for (var rollout = 0; rollout < options.Rollouts; rollout++)
            {
                for (var i = 0; i < options.Pods; i++)
                {
                    var old = pods[0];
                    var fresh = await StartPodAsync();
                    pods.Add(fresh);
                    manifests.WriteEndpoints(port, pods.Select(pod => pod.Address.ToString()));
                    await controller.WaitServedAsync(text => text.Contains(Upstream(fresh.Address, port), StringComparison.Ordinal), LiveTimeout, $"{fresh.Pod} added");
                    pods.Remove(old);
                    manifests.WriteEndpoints(port, pods.Select(pod => pod.Address.ToString()));
                    await controller.WaitServedAsync(text => !text.Contains(Upstream(old.Address, port), StringComparison.Ordinal), LiveTimeout, $"{old.Pod} removed");
                    await old.DisposeAsync();
                    replaced++;
                    // Spread the forced reloads over the rollouts.
                    while (forced < (long)options.ForcedReloads * replaced / replacements)
                    {
                        await ForceReloadAsync(controller, manifests, ++forced);
                    }
                }
            }
            while (forced < options.ForcedReloads)
            {
                await ForceReloadAsync(controller, manifests, ++forced);
            }

            await Cli(["kill", "-INT", $"{wrk.Id}"]);
            await wrk.WaitForExitAsync();
            var elapsed = clock.Elapsed;
            var cpuAfter = controller.Cpu();
            var reloads = await controller.ReloadsAfterServedAsync() - reloadsBefore;
            await generations.DisposeAsync();
            var result = WrkResult(await wrkOutput, await wrkErrors);

            var inv = CultureInfo.InvariantCulture;
            report.AppendLine("## Churn under load: pods rolling and forced reloads while wrk runs");
            report.AppendLine();
            report.AppendLine(string.Create(inv,
                $"`nginx-ingress run --manifests` (published build, nginx as its child, default worker_processes auto and access log to stdout). " +
                $"wrk -t2 -c{options.Connections}, each connection pausing {options.RequestDelayMilliseconds} ms after each response, through nginx to {options.Pods} Kestrel echo pods; " +
                $"{options.Rollouts} rollouts replace every pod one by one (new pod added and live, old pod removed and live, then stopped) and {options.ForcedReloads} edits of another Ingress force reloads in between."));
            report.AppendLine();
            report.AppendLine("| requests | req/s | p99 | socket errors (wrk) | non-2xx | reloads | peak worker generations | peak workers | controller CPU | nginx CPU | wall |");
            report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            report.AppendLine(string.Create(inv,
                $"| {result.Requests:N0} | {result.RequestsPerSecond:N0} | {result.P99.TotalMilliseconds:F1} ms | {result.SocketErrorText} | {result.Non2xx} | {reloads} | {generations.PeakGenerations} | {generations.PeakWorkers} | " +
                $"{(cpuAfter.Controller - cpuBefore.Controller).TotalSeconds:F1} s | {(cpuAfter.Nginx - cpuBefore.Nginx).TotalSeconds:F1} s | {elapsed.TotalSeconds:F0} s |"));
            report.AppendLine();
            File.Delete(script);
            // Every reload closes the idle keep-alive connections of the workers it retires, and wrk counts each close
            // as a read error (reported above, and explained in docs/benchmarks.md); an answer other than 2xx is a
            // failed request, and ends the bench non-zero so make bench stops.
            return result.Non2xx == 0;
        }
        finally
        {
            foreach (var pod in pods)
            {
                await pod.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task EndpointChurnCostAsync(ChurnOptions options, StringBuilder report)
    {
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"## Endpoint churn: a {options.RolloutPods}-pod rollout beside a synthetic cluster");
        report.AppendLine();
        report.AppendLine(string.Create(inv,
            $"The pods of one Service replaced one by one: {2 * options.RolloutPods} EndpointSlice changes, each waited on until nginx serves it (as pods that become ready seconds apart give). " +
            $"CPU is the controller's (with the `nginx -t` runs it reaped) and nginx's (master, and workers old and new)."));
        report.AppendLine();
        report.AppendLine("| Ingresses | reloads | controller CPU | nginx CPU | CPU per change | wall | wall per change |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in options.Sizes)
        {
            var folder = Directory.CreateTempSubdirectory("nginx-ingress-bench-churn-cost-").FullName;
            try
            {
                SyntheticCluster.Generate(size, SyntheticClusterShape.DefaultSeed).WriteManifests(Path.Combine(folder, "background"));
                var manifests = new ChurnManifests(folder);
                const int port = 8080;
                // Addresses nothing listens on: no request goes to them, only the config changes.
                var next = 0;
                string Address() => $"127.18.{++next / 250}.{next % 250 + 1}";
                var endpoints = Enumerable.Range(0, options.RolloutPods).Select(_ => Address()).ToList();
                manifests.WriteService(port);
                manifests.WriteEndpoints(port, endpoints);
                await using var controller = await ControllerProcess.StartHealthyAsync(options.Controller, folder, TimeSpan.FromMinutes(5));
                await controller.WaitServedAsync(text => endpoints.All(address => text.Contains(Upstream(address, port), StringComparison.Ordinal)), CostLiveTimeout, "the first config");
                var reloadsBefore = await controller.ReloadsAfterServedAsync();
                var cpuBefore = controller.Cpu();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < options.RolloutPods; i++)
                {
                    var fresh = Address();
                    endpoints.Add(fresh);
                    manifests.WriteEndpoints(port, endpoints);
                    await controller.WaitServedAsync(text => text.Contains(Upstream(fresh, port), StringComparison.Ordinal), CostLiveTimeout, $"{fresh} added");
                    var old = endpoints[0];
                    endpoints.RemoveAt(0);
                    manifests.WriteEndpoints(port, endpoints);
                    await controller.WaitServedAsync(text => !text.Contains(Upstream(old, port), StringComparison.Ordinal), CostLiveTimeout, $"{old} removed");
                }
                var elapsed = clock.Elapsed;
                var cpuAfter = controller.Cpu();
                var reloads = await controller.ReloadsAfterServedAsync() - reloadsBefore;
                var (controllerCpu, nginxCpu) = (cpuAfter.Controller - cpuBefore.Controller, cpuAfter.Nginx - cpuBefore.Nginx);
                var changes = 2 * options.RolloutPods;
                report.AppendLine(string.Create(inv,
                    $"| {size:N0} | {reloads} | {controllerCpu.TotalSeconds:F1} s | {nginxCpu.TotalSeconds:F1} s | {(controllerCpu + nginxCpu).TotalSeconds / changes:F2} s | {elapsed.TotalSeconds:F0} s | {elapsed.TotalSeconds / changes:F2} s |"));
                Console.Error.WriteLine($"churn: {size} Ingresses: {reloads} reloads, controller {controllerCpu.TotalSeconds:F1} s, nginx {nginxCpu.TotalSeconds:F1} s CPU, {elapsed.TotalSeconds:F0} s");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        report.AppendLine();
    }

    private static async Task ForceReloadAsync(ControllerProcess controller, ChurnManifests manifests, int n)
    {
        var host = manifests.ForceReload(n);
        await controller.WaitServedAsync(text => text.Contains($"\"{host}\"", StringComparison.Ordinal), LiveTimeout, $"forced reload {n}");
    }

    private static string Upstream(IPAddress address, int port) => Upstream(address.ToString(), port);

    private static string Upstream(string address, int port) => string.Create(CultureInfo.InvariantCulture, $"\"{address}:{port}\"");

    private static DataPlane.WrkResult WrkResult(string output, string errors) =>
        output.Contains("Requests/sec", StringComparison.Ordinal) ? DataPlane.WrkResult.Parse(output) : throw new InvalidOperationException($"wrk printed no result: {errors}{output}");

    private static Task Cli(string[] command) =>
        CliWrap.Cli.Wrap(command[0]).WithArguments(command[1..]).WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync().Task;
}
