using System.Diagnostics;
using System.Globalization;
using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Benchmarks.Synthetic;

/// <summary>
/// <c>manifests</c> mode: writes the synthetic cluster as YAML for <c>nginx-ingress render --manifests DIR</c>,
/// then reads it back with the controller's own loader and checks that it renders the same bytes as the
/// in-memory snapshot, so the folder is a faithful stand-in for the benchmarked cluster.
/// <code>manifests --out DIR [--ingresses 1000] [--seed N]</code>
/// </summary>
public static class ManifestExport
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? output = null;
        var count = 1_000;
        var seed = SyntheticClusterShape.DefaultSeed;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--out": output = Value(); break;
                    case "--ingresses": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"manifests: {e.Message}");
            return 2;
        }
        if (output is null)
        {
            Console.Error.WriteLine("manifests: --out DIR is required");
            return 2;
        }
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            // The loader reads every YAML file below DIR; stale files from another size would join the cluster.
            Console.Error.WriteLine($"manifests: {output} is not empty");
            return 2;
        }

        var cluster = SyntheticCluster.Generate(count, seed);
        var clock = Stopwatch.StartNew();
        var files = cluster.WriteManifests(output);
        var written = clock.Elapsed;
        var bytes = files.Sum(file => new FileInfo(file).Length);

        clock.Restart();
        var loaded = new ManifestSnapshotLoader().Load(output);
        var loadTime = clock.Elapsed;
        var fromFiles = ConfigPipeline.Run(loaded.Snapshot, ControllerOptions.Default, NginxSettings.Default);
        var inMemory = ConfigPipeline.Run(cluster.ToSnapshot(), ControllerOptions.Default, NginxSettings.Default);

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"manifests: {count:N0} Ingresses → {files.Count} files, {bytes:N0} bytes in {output} (write {written.TotalMilliseconds:F0} ms, ManifestSnapshotLoader.Load {loadTime.TotalMilliseconds:F0} ms)"));
        if (loaded.Issues.Length > 0 || fromFiles.Rendered.Version != inMemory.Rendered.Version)
        {
            Console.Error.WriteLine($"manifests: the folder does not round-trip: {loaded.Issues.Length} loader issues (first: {loaded.Issues.FirstOrDefault()}), " +
                $"config {fromFiles.Rendered.Version[..12]} from files vs {inMemory.Rendered.Version[..12]} in memory");
            return 1;
        }
        Console.Out.WriteLine($"manifests: reads back to the same nginx.conf (version {inMemory.Rendered.Version[..12]})");
        return 0;
    }
}
