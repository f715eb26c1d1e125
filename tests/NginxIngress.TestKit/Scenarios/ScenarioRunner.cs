using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// Runs a scenario end to end: its objects through the production manifest loader and pipeline, its backends
/// as echo pods, its requests through real nginx, each checked against <c>expect</c> and <c>implied</c>.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>A 100-request scenario that fails fails the same way 100 times; a few lines say it.</summary>
    private const int FailuresShownPerRequest = 5;

    public static async Task<ScenarioReport> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var failures = new List<string>();
        await using var cluster = LoopbackCluster.Create([scenario.IngressClassName]);
        try
        {
            var applied = new List<YamlMappingNode>();
            var started = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (phase, index) in scenario.Phases.Select((phase, index) => (phase, index)))
            {
                applied.AddRange(phase.Apply);
                foreach (var node in phase.Apply)
                {
                    cluster.Apply(ManifestFor(node, applied), $"{scenario.File}#phase{index}");
                }
                await StartPodsAsync(cluster, phase, started, cancellationToken);
                await cluster.ReconcileAsync(cancellationToken);
                foreach (var request in phase.Requests)
                {
                    failures.AddRange(await SendAsync(cluster, scenario, request, cancellationToken));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add($"the scenario could not run: {e}");
        }
        return new ScenarioReport(failures, cluster.Describe());
    }

    /// <summary>
    /// Every Service gets pods: as many as <c>backends:</c> says, or one (the k8s-docs scenarios have no
    /// <c>backends:</c>; their tables only need some pod behind each Service). ExternalName Services have none.
    /// </summary>
    private static async Task StartPodsAsync(LoopbackCluster cluster, ScenarioPhase phase, HashSet<string> started, CancellationToken cancellationToken)
    {
        foreach (var service in phase.Apply.Where(node => node.Text("kind") == "Service"))
        {
            var name = service.Mapping("metadata")!.RequiredText("name");
            var ns = service.Mapping("metadata")!.Text("namespace") ?? "default";
            if (service.Mapping("spec")?.Text("type") == "ExternalName" || !started.Add($"{ns}/{name}"))
            {
                continue;
            }
            var backend = phase.Backends.FirstOrDefault(b => b.Service == name) ?? new BackendSpec(name, name, 1, name);
            await cluster.StartPodsAsync(name, backend.Replicas, ns: ns, podPrefix: backend.Deployment, reportedService: backend.ReportedService, cancellationToken: cancellationToken);
        }
    }

    private static async Task<IEnumerable<string>> SendAsync(LoopbackCluster cluster, Scenario scenario, ScenarioRequest request, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var failedAttempts = 0;
        var pods = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= request.Repeat; attempt++)
        {
            var label = request.Repeat > 1 ? $"{request.Name} (#{attempt})" : request.Name;
            var response = await cluster.Client.SendAsync(request.Method, request.Host, request.Path, scenario.FollowsRedirects,
                tls: request.Tls, sni: request.Sni, cancellationToken: cancellationToken);
            var found = ExpectationCheck.Compare(request.Expect, response, label)
                .Concat(request.Implied is { } implied ? ExpectationCheck.Compare(implied, response, $"{label} (implied)") : [])
                .ToList();
            if (found.Count > 0 && ++failedAttempts <= FailuresShownPerRequest)
            {
                failures.AddRange(found);
            }
            if (response.StatusCode == 200 && response.Echo is { } echo)
            {
                pods.Add(echo.Pod);
            }
        }
        if (failedAttempts > FailuresShownPerRequest)
        {
            failures.Add($"{request.Name}: {failedAttempts} of {request.Repeat} attempts failed (first {FailuresShownPerRequest} shown)");
        }
        if (request.DistinctPods is { } expected && pods.Count != expected)
        {
            failures.Add($"{request.Name}: 200 responses came from {pods.Count} distinct pods ({string.Join(", ", pods.Order())}), expected {expected}");
        }
        return failures;
    }

    /// <summary>The object as YAML; a Secret whose data says <c>&lt;GENERATED&gt;</c> gets a real certificate for the hosts of the TLS entries naming it.</summary>
    private static string ManifestFor(YamlMappingNode node, IReadOnlyList<YamlMappingNode> applied)
    {
        var isGenerated = node.Text("kind") == "Secret" && node.Mapping("data")?.Children.Values.OfType<YamlScalarNode>().Any(v => v.Value == "<GENERATED>") == true;
        if (!isGenerated)
        {
            return node.ToYaml();
        }
        var metadata = node.Mapping("metadata")!;
        var name = metadata.RequiredText("name");
        var hosts = applied
            .Where(other => other.Text("kind") == "Ingress")
            .SelectMany(ingress => ingress.Mapping("spec")?.Mappings("tls") ?? [])
            .Where(tls => tls.Text("secretName") == name)
            .SelectMany(tls => tls.Texts("hosts"))
            .Distinct()
            .ToList();
        var (certificate, key) = SelfSignedCertificate.Create(hosts);
        return string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: {name}
              namespace: {metadata.Text("namespace") ?? "default"}
            type: kubernetes.io/tls
            data:
              tls.crt: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate))}
              tls.key: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(key))}
            """);
    }
}
