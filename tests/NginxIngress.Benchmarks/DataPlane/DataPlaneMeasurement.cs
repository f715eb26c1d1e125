using System.Globalization;
using System.Net;
using System.Text;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>
/// <c>data-plane</c> mode: wrk through nginx on our config and on a hand-written minimal config for the same route
/// (<see cref="BenchConfigs"/>), for each access log setting, in the same run, to a backend nginx that answers
/// <c>return 200</c>. Each round runs every (logging, config) pair once, alternating which config goes first, so
/// drift in the machine's load hits both; the report gives each pair's median over the rounds.
/// <code>data-plane [--duration 10] [--rounds 2] [--threads 2] [--connections 16] [--logs "off;none;buffer=64k flush=1s"] [--nginx PATH] [--wrk PATH] [--report FILE]</code>
/// </summary>
public static class DataPlaneMeasurement
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static int Run(IReadOnlyList<string> args)
    {
        DataPlaneOptions options;
        try
        {
            options = DataPlaneOptions.From(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"data-plane: {e.Message}");
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(DataPlaneOptions options)
    {
        var wrk = new Wrk(options.Wrk, options.Threads, options.Connections);
        var backendEndPoint = new IPEndPoint(LoopbackAddresses.Next(), 0);
        backendEndPoint.Port = FreePort.On(backendEndPoint.Address);
        var listen = new IPEndPoint(IPAddress.Loopback, FreePort.On(IPAddress.Loopback));
        var (httpsPort, statusPort) = (FreePort.On(IPAddress.Loopback), FreePort.On(IPAddress.Loopback));
        var url = new Uri($"http://{listen}/");

        await using var backend = await BenchNginx.StartAsync(options.Nginx, BenchConfigs.Backend(backendEndPoint), new Dictionary<string, string>(), new Uri($"http://{backendEndPoint}/"));
        var results = new Dictionary<(LoggingVariant Logging, bool Ours), List<WrkResult>>();
        var failures = new List<string>();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var logging in options.Logs)
            {
                foreach (var ours in round % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var (text, files) = ours
                        ? BenchConfigs.Ours(listen, httpsPort, statusPort, backendEndPoint, logging)
                        : (BenchConfigs.HandWritten(listen, backendEndPoint, logging), new Dictionary<string, string>());
                    var name = $"{(ours ? "ours" : "hand-written")}, log {logging.Label}";
                    WrkResult result;
                    long logLines;
                    long warmUpRequests;
                    await using (var proxy = await BenchNginx.StartAsync(options.Nginx, text, files, url))
                    {
                        warmUpRequests = (await wrk.RunAsync(url, BenchConfigs.Host, WarmUp)).Requests;
                        result = await wrk.RunAsync(url, BenchConfigs.Host, options.Duration);
                        await proxy.DisposeAsync();
                        logLines = proxy.StdoutLines;
                    }
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"data-plane: round {round + 1}, {name}: {result.RequestsPerSecond:F0} req/s, p99 {result.P99.TotalMilliseconds:F2} ms, {result.Failed} failed, {logLines} log lines"));
                    if (result.Failed > 0)
                    {
                        failures.Add($"{name}: socket errors {result.SocketErrorText}, {result.Non2xx} non-2xx");
                    }
                    // Every request must have been logged when logging is on (warm-up and measured), and none when it is off.
                    var expectedLines = logging.Logs ? warmUpRequests + result.Requests : 0;
                    if (logging.Logs ? logLines < expectedLines : logLines > 0)
                    {
                        failures.Add($"{name}: {logLines} access log lines for {expectedLines} logged requests");
                    }
                    (results.TryGetValue((logging, ours), out var list) ? list : results[(logging, ours)] = []).Add(result);
                }
            }
        }

        var report = Report(options, results);
        Console.Out.Write(report);
        if (options.Report is { } path)
        {
            await File.WriteAllTextAsync(path, report);
        }
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"data-plane: {failure}");
        }
        return failures.Count == 0 ? 0 : 1;
    }

    private static string Report(DataPlaneOptions options, Dictionary<(LoggingVariant Logging, bool Ours), List<WrkResult>> results)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("## Data plane: our config versus a hand-written one (wrk, one route)");
        text.AppendLine();
        text.AppendLine(string.Create(inv,
            $"wrk -t{options.Threads} -c{options.Connections}, {options.Duration.TotalSeconds:F0} s per run after 1 s of warm-up, {options.Rounds} rounds; " +
            $"medians over the rounds. One nginx worker in front of a `return 200` nginx backend; {Environment.ProcessorCount} cores shared by wrk, both nginx and whatever else runs."));
        text.AppendLine();
        text.AppendLine("| access log | ours req/s | hand-written req/s | ours / hand-written | ours p99 | hand-written p99 | p99 difference |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var logging in options.Logs)
        {
            var ours = results[(logging, true)];
            var hand = results[(logging, false)];
            var (oursRate, handRate) = (Median(ours.Select(r => r.RequestsPerSecond)), Median(hand.Select(r => r.RequestsPerSecond)));
            var (oursP99, handP99) = (Median(ours.Select(r => r.P99.TotalMilliseconds)), Median(hand.Select(r => r.P99.TotalMilliseconds)));
            text.AppendLine(string.Create(inv,
                $"| {logging.Label} | {oursRate:N0} | {handRate:N0} | {oursRate / handRate:P0} | {oursP99:F2} ms | {handP99:F2} ms | {oursP99 - handP99:+0.00;-0.00;0.00} ms |"));
        }
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
