using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>The markdown report of the <c>controller</c> mode: one table per measurement, one row per size.</summary>
internal static class ControllerReport
{
    public static string Render(IReadOnlyList<ControllerBenchResult> results, ControllerBenchOptions options)
    {
        var text = new StringBuilder()
            .AppendLine(Invariant($"## The controller on the synthetic cluster (`nginx-ingress run --manifests`, {NginxVersion(options.Nginx)}, {Environment.ProcessorCount} cores, seed {options.Seed})"))
            .AppendLine()
            .AppendLine("### Cold start")
            .AppendLine()
            .AppendLine("| Ingresses | process start → /healthz 200 (s) | controller RSS then (MiB) | reloads | nginx.conf (bytes) |")
            .AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(Invariant($"| {r.Ingresses:N0} | {Seconds(r.ColdStart, "F1")} | {Number(r.ColdStartRssMebibytes)} | {Number(r.StartReloads)} | {Number(r.ConfigBytes, "N0")} |"));
        }

        text.AppendLine()
            .AppendLine(Invariant($"### A new Ingress file → its first 200 through nginx ({options.Creates} creates, one at a time)"))
            .AppendLine()
            .AppendLine("| Ingresses | creates | p50 (s) | p99 (s) | max (s) | reloads |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var samples = r.CreateLatencies;
            string At(double fraction) => samples.Count == 0 ? "–" : Invariant($"{ControllerMeasurement.Percentile(samples, fraction).TotalSeconds:F2}");
            text.AppendLine(Invariant($"| {r.Ingresses:N0} | {samples.Count} | {At(0.50)} | {At(0.99)} | {At(1.0)} | {Number(r.CreateReloads)} |"));
        }

        text.AppendLine()
            .AppendLine(Invariant($"### A burst of {options.Burst:N0} new Ingress files, written back to back"))
            .AppendLine()
            .AppendLine("| Ingresses before | burst | reloads | first write → all answer 200 (s) |")
            .AppendLine("|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(Invariant($"| {r.Ingresses:N0} | {options.Burst:N0} | {Number(r.BurstReloads)} | {Seconds(r.BurstLive, "F1")} |"));
        }

        text.AppendLine()
            .AppendLine("### Controller memory")
            .AppendLine()
            .AppendLine("| Ingresses (+ creates + burst) | steady-state RSS (MiB) | full resync: peak RSS (MiB) | resync busy (s) | resync reloads |")
            .AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var peak = r.ResyncPeakRssMebibytes is { } hwm ? Number(hwm) : $"{Number(r.ResyncSampledPeakMebibytes)} (sampled)";
            text.AppendLine(Invariant($"| {r.Ingresses:N0} (+{options.Creates + options.Burst:N0}) | {Number(r.SteadyRssMebibytes)} | {peak} | {Seconds(r.ResyncBusy, "F1")} | {Number(r.ResyncReloads)} |"));
        }

        text.AppendLine()
            .AppendLine("RSS is the controller process alone (`VmRSS` in /proc), not its nginx. Steady state: after the burst, once the controller has been idle for a second. " +
                "Full resync: every manifest file gets a new mtime, so the folder source re-reads and re-parses all of them and hands the store a whole new snapshot " +
                "with the same content; the peak is `VmHWM` after resetting it (`clear_refs`) just before, and \"busy\" is until the controller's CPU went idle. " +
                "Latencies are polled every 10 ms over a new connection each time. Wall times depend on what else the machine runs.");
        foreach (var r in results.Where(r => r.Failure is not null))
        {
            text.AppendLine().AppendLine(Invariant($"- {r.Ingresses:N0} Ingresses stopped early: {r.Failure}"));
        }
        return text.ToString();
    }

    private static string Seconds(TimeSpan? value, string format) => value is { } v ? v.TotalSeconds.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Number(double? value, string format = "F0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>nginx -v</c> prints "nginx version: nginx/1.22.1" on stderr.</summary>
    private static string NginxVersion(string nginx)
    {
        using var process = Process.Start(new ProcessStartInfo(nginx, "-v") { RedirectStandardError = true, UseShellExecute = false })!;
        var text = process.StandardError.ReadToEnd().Trim();
        process.WaitForExit();
        return text.Replace("nginx version: ", "", StringComparison.Ordinal);
    }
}
