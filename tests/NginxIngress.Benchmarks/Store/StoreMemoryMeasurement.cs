using System.Globalization;
using System.Text;
using k8s.Models;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Benchmarks.Store;

/// <summary>
/// `store-memory`: how much managed heap the API source's store keeps for a cluster whose Secrets are mostly
/// unnamed (Helm release Secrets, service-account tokens), holding every Secret versus only the named ones.
/// Retained memory after a full collection, which BenchmarkDotNet's allocation counters do not show.
/// </summary>
public static class StoreMemoryMeasurement
{
    public static int Run(string[] args)
    {
        var secrets = Option(args, "--secrets", 2000);
        var kilobytes = Option(args, "--secret-kb", 64);
        var named = Option(args, "--named", 200);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Store memory: {secrets} Secrets of {kilobytes} KiB, {named} named by Ingresses")
            .AppendLine()
            .AppendLine("| source | Secrets held | unheld (keys only) | retained heap (MB) |")
            .AppendLine("|---|---|---|---|");
        foreach (var holdsOnlyNamed in new[] { false, true })
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var store = new ObjectStore();
            var source = store.AddSource("api", holdsOnlyNamed: holdsOnlyNamed);
            source.Replace(Enumerable.Range(0, named).Select(Ingress));
            source.Replace(Enumerable.Range(0, secrets).Select(i => Secret(i, kilobytes)));
            var held = store.Capture().Secrets.Count;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {(holdsOnlyNamed ? "only named" : "every Secret")} | {held} | {source.UnheldCount} | {(after - before) / 1048576.0:F1} |");
            GC.KeepAlive(store);
        }
        Console.Write(report);
        return 0;
    }

    private static V1Ingress Ingress(int i) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta { Name = $"app-{i}", NamespaceProperty = "default", ResourceVersion = "1" },
        Spec = new V1IngressSpec { Tls = [new V1IngressTLS { SecretName = $"secret-{i}", Hosts = [$"app-{i}.example.com"] }] },
    };

    private static V1Secret Secret(int i, int kilobytes) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = $"secret-{i}", NamespaceProperty = "default", ResourceVersion = "1" },
        Data = new Dictionary<string, byte[]> { ["release"] = new byte[kilobytes * 1024] },
    };

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
