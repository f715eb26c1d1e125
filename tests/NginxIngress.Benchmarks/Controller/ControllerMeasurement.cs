using System.Diagnostics;
using System.Globalization;
using System.Net;
using NginxIngress.Benchmarks.Published;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>
/// <c>controller</c> mode: the published controller (<c>nginx-ingress run --manifests DIR</c>, nginx as its child)
/// on the synthetic cluster written as manifest files, measured from outside as a user sees it: cold start to
/// healthy, a new Ingress file to its first 200 through nginx, a burst of new files (reloads and time until all
/// answer), and the controller's memory at steady state and while it re-reads every file.
/// <code>controller [--sizes 1000,10000] [--creates 100] [--burst 1000] [--seed N] [--controller PATH] [--nginx PATH] [--report FILE] [--keep]</code>
/// </summary>
public static class ControllerMeasurement
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromMinutes(5);

    public static int Run(IReadOnlyList<string> args)
    {
        ControllerBenchOptions options;
        try
        {
            options = ControllerBenchOptions.From(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"controller: {e.Message}");
            return 2;
        }
        foreach (var (file, flag) in new[] { (options.ControllerBinary, "--controller"), (options.Nginx, "--nginx") })
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"controller: {file} not found (pass {flag} PATH; the controller comes from `make build`)");
                return 2;
            }
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ControllerBenchOptions options)
    {
        var root = Path.Combine(Path.GetTempPath(), $"nginx-ingress-bench-controller-{Environment.ProcessId}");
        var results = new List<ControllerBenchResult>();
        // One backend for every synthetic endpoint: bound to 0.0.0.0, it answers on every 127.x address the
        // EndpointSlices name, once their port is rewritten to its own.
        await using var backend = await EchoBackend.StartAsync(IPAddress.Any, 0, "bench", "bench-1");
        try
        {
            foreach (var size in options.Sizes)
            {
                var result = await MeasureAsync(size, options, backend.Port, Path.Combine(root, size.ToString(CultureInfo.InvariantCulture)));
                results.Add(result);
                if (result.Failure is { } failure)
                {
                    Console.Error.WriteLine($"controller: {size} Ingresses: {failure}");
                }
            }
        }
        finally
        {
            if (options.Keep)
            {
                Console.Error.WriteLine($"controller: manifests and logs kept under {root}");
            }
            else if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        var report = ControllerReport.Render(results, options);
        Console.Out.Write(report);
        if (options.Report is { } reportFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportFile))!);
            File.WriteAllText(reportFile, report);
        }
        return results.Any(result => result.Failure is not null) ? 1 : 0;
    }

    private static async Task<ControllerBenchResult> MeasureAsync(int size, ControllerBenchOptions options, int backendPort, string directory)
    {
        var cluster = SyntheticCluster.Generate(size, options.Seed);
        foreach (var slice in cluster.EndpointSlices)
        {
            slice.Ports[0].Port = backendPort;
        }
        var manifests = Path.Combine(directory, "manifests");
        cluster.WriteManifests(manifests);
        var added = Path.Combine(manifests, "bench");
        Directory.CreateDirectory(added);

        var result = new ControllerBenchResult(size);
        Log(size, "starting the controller");
        var clock = Stopwatch.StartNew();
        var controller = ControllerProcess.Start(options.ControllerBinary, manifests, directory, options.Nginx);
        try
        {
            using var probe = new HostProbe(controller.HttpPort, () => controller.HasExited);
            var pid = controller.Pid;

            // Cold start: process start to /healthz 200, which means nginx serves the whole first config.
            await controller.WaitHealthyAsync(StartTimeout);
            result = result with
            {
                ColdStart = clock.Elapsed,
                ColdStartRssMebibytes = ProcessMemory.RssMebibytes(pid),
                StartReloads = await controller.ReloadsAsync(),
                ConfigBytes = new FileInfo(Path.Combine(directory, "work", "live", "nginx.conf")).Length,
            };
            Log(size, $"healthy after {result.ColdStart.Value.TotalSeconds:F1} s; {options.Creates} creates, one at a time");

            // Edit latency: each new file routes a new host to a live Service; the next file is written once it answers.
            var reloadsBefore = await controller.ReloadsAsync();
            var latencies = new List<TimeSpan>(options.Creates);
            for (var i = 0; i < options.Creates; i++)
            {
                var target = cluster.Ingresses[i % size];
                var host = $"create-{i:D4}.bench.example.net";
                var written = Stopwatch.StartNew();
                await File.WriteAllTextAsync(Path.Combine(added, $"create-{i:D4}.yaml"),
                    BenchIngress.Yaml(target.Metadata.NamespaceProperty, $"bench-create-{i:D4}", host, target.Metadata.Name));
                latencies.Add(await probe.WaitUntilServedAsync(host, written, EditTimeout));
            }
            result = result with { CreateLatencies = latencies, CreateReloads = await controller.ReloadsAsync() - reloadsBefore };
            Log(size, $"creates done (p50 {Percentile(latencies, 0.50).TotalSeconds:F2} s); burst of {options.Burst} files");

            // Burst: every file written back to back, as a git pull or kubectl apply -f of a folder would.
            reloadsBefore = await controller.ReloadsAsync();
            var hosts = new List<string>(options.Burst);
            var burst = Stopwatch.StartNew();
            for (var i = 0; i < options.Burst; i++)
            {
                var target = cluster.Ingresses[i % size];
                var host = $"burst-{i:D4}.bench.example.net";
                hosts.Add(host);
                await File.WriteAllTextAsync(Path.Combine(added, $"burst-{i:D4}.yaml"),
                    BenchIngress.Yaml(target.Metadata.NamespaceProperty, $"bench-burst-{i:D4}", host, target.Metadata.Name));
            }
            var live = await probe.WaitUntilAllServedAsync(hosts, burst, EditTimeout);
            // Healthy again means nginx serves the controller's current config: no reload of the burst is still to come.
            await controller.WaitHealthyAsync(EditTimeout);
            result = result with { BurstLive = live, BurstReloads = await controller.ReloadsAsync() - reloadsBefore };
            Log(size, $"burst live after {live.TotalSeconds:F1} s with {result.BurstReloads} reloads; waiting for steady state");

            await ProcessMemory.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(2), EditTimeout);
            result = result with { SteadyRssMebibytes = ProcessMemory.RssMebibytes(pid) };

            // Full resync: in manifest mode any change re-reads the whole folder; a new mtime on every file makes
            // that happen with identical content, so it must also cost no reload.
            reloadsBefore = await controller.ReloadsAsync();
            var peakReset = ProcessMemory.TryResetPeak(pid);
            var now = DateTime.UtcNow;
            foreach (var file in Directory.EnumerateFiles(manifests, "*.yaml", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, now);
            }
            var (busy, sampledPeak) = await ProcessMemory.WaitUntilIdleAsync(pid, TimeSpan.FromSeconds(2), EditTimeout);
            result = result with
            {
                ResyncBusy = busy,
                ResyncSampledPeakMebibytes = sampledPeak,
                ResyncPeakRssMebibytes = peakReset ? ProcessMemory.PeakRssMebibytes(pid) : null,
                ResyncReloads = await controller.ReloadsAsync() - reloadsBefore,
            };
            Log(size, "done");
            return result;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or IOException)
        {
            var tail = File.Exists(controller.LogFile) ? File.ReadLines(controller.LogFile).TakeLast(20) : [];
            Console.Error.WriteLine($"controller: {size} Ingresses failed; the last lines of {controller.LogFile}:\n{string.Join('\n', tail)}");
            return result with { Failure = e.Message };
        }
        finally
        {
            await controller.DisposeAsync();
        }
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="fraction"/> of them at or below it.</summary>
    internal static TimeSpan Percentile(IReadOnlyList<TimeSpan> samples, double fraction)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Log(int size, string message) => Console.Error.WriteLine($"controller: {size:N0} Ingresses: {message}");
}
