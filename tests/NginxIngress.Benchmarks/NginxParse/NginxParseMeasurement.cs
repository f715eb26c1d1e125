using System.Diagnostics;
using System.Globalization;
using System.Text;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>
/// <c>nginx-parse</c> mode: renders the synthetic cluster at each size, then times real <c>nginx -t</c> on the
/// config as rendered (static <c>proxy_pass</c> to hash-prefixed upstream names), with malloc on huge pages and on
/// 4 KiB pages, and on three rewrites of it that change only upstream names and proxy_pass lines
/// (see <see cref="ProxyPassRewrite"/>): a full validation is this parse, and a reload costs at least this much.
/// <code>nginx-parse [--sizes 1000,10000] [--runs 5] [--seed N] [--nginx /usr/sbin/nginx] [--report FILE] [--keep]</code>
/// </summary>
public static class NginxParseMeasurement
{
    // nginx -t does not bind its listeners, but unprivileged ports keep the configs startable by hand (--keep) as any user.
    private static readonly NginxSettings Settings = NginxSettings.Default with { HttpPort = 18080, HttpsPort = 18443, StatusPort = 18081 };

    public static int Run(IReadOnlyList<string> args)
    {
        NginxParseOptions options;
        try
        {
            options = NginxParseOptions.From(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"nginx-parse: {e.Message}");
            return 2;
        }
        if (!File.Exists(options.Nginx))
        {
            Console.Error.WriteLine($"nginx-parse: {options.Nginx} not found (pass --nginx PATH)");
            return 2;
        }

        var root = Path.Combine(Path.GetTempPath(), $"nginx-ingress-bench-{Environment.ProcessId}");
        var timer = new NginxParseTimer(options.Nginx, options.Runs);
        var rows = new List<string>();
        var notes = new List<string>();
        try
        {
            foreach (var size in options.Sizes)
            {
                var clock = Stopwatch.StartNew();
                var cluster = SyntheticCluster.Generate(size, options.Seed);
                var snapshot = cluster.ToSnapshot();
                var generated = clock.Elapsed;

                clock.Restart();
                var result = ConfigPipeline.Run(snapshot, ControllerOptions.Default, Settings);
                var pipeline = clock.Elapsed;
                if (!result.Problems.IsEmpty)
                {
                    Console.Error.WriteLine($"nginx-parse: {size} Ingresses gave {result.Problems.Length} problems (first: {result.Problems[0]}); numbers cover a smaller config");
                }
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"- {size:N0} Ingresses: {cluster.HostCount:N0} hosts, {cluster.PathCount:N0} paths, {cluster.EndpointCount:N0} endpoints, {cluster.Services.Count:N0} Services; generated in {generated.TotalMilliseconds:F0} ms; first ConfigPipeline.Run (cold, JIT included) {pipeline.TotalMilliseconds:F0} ms; {result.Problems.Length} problems."));

                // The rendered form comes first: it is the one the "CPU × rendered" column divides by. Every form runs
                // with malloc on huge pages, as the controller runs nginx -t; the rendered one also on 4 KiB pages.
                var hugePages = MallocTunables.For(null);
                const string SmallPages = "glibc.malloc.hugetlb=0";
                var forms = new (string Slug, string Label, string Tunables, string Text)[]
                {
                    ("hashed", "static, `\"http://<digits>.<namespace.service.port>\"` (as rendered)", hugePages, result.Rendered.Text),
                    ("hashed-small-pages", "as rendered, malloc on 4 KiB pages", SmallPages, result.Rendered.Text),
                    ("plain", "static, `\"http://<namespace.service.port>\"` (plain names)", hugePages, ProxyPassRewrite.ToPlainNames(result.Rendered.Text)),
                    ("variable", "variable `http://$proxy_upstream_name`, plain names", hugePages, ProxyPassRewrite.ToVariable(result.Rendered.Text)),
                    ("floor", "floor: static, all to the first upstream", hugePages, ProxyPassRewrite.ToFirstUpstream(result.Rendered.Text)),
                };
                double? renderedCpu = null;
                foreach (var (slug, label, tunables, text) in forms)
                {
                    var prefix = Path.Combine(root, $"{size}-{slug}") + Path.DirectorySeparatorChar;
                    Directory.CreateDirectory(prefix);
                    // The certificates and other files nginx.conf names; each form differs only in nginx.conf.
                    BundleWriter.WriteFilesAsync(Path.TrimEndingDirectorySeparator(prefix), result.Rendered.Files, CancellationToken.None).GetAwaiter().GetResult();
                    var configFile = Path.Combine(prefix, "nginx.conf");
                    File.WriteAllText(configFile, text);
                    var shape = ConfigShape.Measure(text);

                    Console.Error.WriteLine($"nginx-parse: {size} Ingresses, {slug}: nginx -t × {options.Runs} (+1 untimed)");
                    var runs = timer.Time(prefix, configFile, tunables);
                    var seconds = runs.Select(r => r.Elapsed.TotalSeconds).Order().ToList();
                    var median = Median(seconds);
                    var cpu = Median(runs.Select(r => r.Cpu.TotalSeconds).Order().ToList());
                    renderedCpu ??= cpu;
                    var peakMegabytes = runs.Max(r => r.PeakRssKilobytes) / 1024.0;
                    rows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"| {size:N0} | {label} | {median:F3} | {seconds[0]:F3} – {seconds[^1]:F3} | {cpu:F3} | {cpu / renderedCpu:F2} | {peakMegabytes:F0} | {shape.Bytes:N0} | {shape.Lines:N0} | {shape.Servers:N0} | {shape.Locations:N0} | {shape.Upstreams:N0} | {shape.ProxyPasses:N0} |"));
                }
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"nginx-parse: {e.Message}");
            return 1;
        }
        finally
        {
            if (options.Keep)
            {
                Console.Error.WriteLine($"nginx-parse: configs kept under {root}");
            }
            else if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## nginx -t on the synthetic cluster ({NginxVersion(options.Nginx)}, seed {options.Seed}, {Environment.ProcessorCount} cores, median of {options.Runs})")
            .AppendLine()
            .AppendLine("| Ingresses | proxy_pass | nginx -t wall, median (s) | wall min – max (s) | CPU user+sys, median (s) | CPU × rendered | peak RSS (MB) | bytes | lines | server{} | location{} | upstream{} | proxy_pass |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(row => report.AppendLine(row));
        report.AppendLine()
            .AppendLine("server{} includes the catch-all and the internal status server. Every row but the one on 4 KiB pages runs nginx with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, as the controller runs nginx -t (malloc on transparent huge pages; the parse mostly zeroes fresh memory, and on 4 KiB pages most of that is page faults). The plain, variable and floor rows are text rewrites of the rendered config that change only upstream names and proxy_pass lines. Plain names are the layout before the hash digits: nginx compares a proxy_pass's name with every upstream{} defined before its match, and plain names of one namespace share their length and first bytes. The variable form routes the same through each location's `set $proxy_upstream_name` (with a scan of every upstream{} per request); before nginx 1.23.1 it costs an upstream SSL context per location. The floor routes wrongly; it only shows what the same text costs when every static proxy_pass finds its upstream{} at the first try. Wall time depends on what else the machine runs; CPU time is the steadier comparison.")
            .AppendLine();
        notes.ForEach(note => report.AppendLine(note));
        Console.Out.Write(report.ToString());
        if (options.Report is { } reportFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportFile))!);
            File.WriteAllText(reportFile, report.ToString());
        }
        return 0;
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary><c>nginx -v</c> prints "nginx version: nginx/1.22.1" on stderr.</summary>
    private static string NginxVersion(string nginx)
    {
        using var process = Process.Start(new ProcessStartInfo(nginx, "-v") { RedirectStandardError = true, UseShellExecute = false })!;
        var text = process.StandardError.ReadToEnd().Trim();
        process.WaitForExit();
        return text.Replace("nginx version: ", "", StringComparison.Ordinal);
    }
}
