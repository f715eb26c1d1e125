using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Scenarios;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Validation;

/// <summary>
/// One Ingress's bad line in a server block that two Ingresses share: real nginx -t rejects it, the source map
/// can only say "one of these two", bisection finds which, and the innocent Ingress is served by real nginx.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class IsolationTests
{
    private const string Host = "shared.example";
    private static readonly ObjectKey Innocent = new("default", "innocent");
    private static readonly ObjectKey Culprit = new("default", "culprit");

    [Test]
    public async Task Rejected_server_line_shared_by_two_ingresses_excludes_only_the_culprit_and_serves_the_other()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("innocent") + Service("culprit")
            + Ingress("innocent", Host, [("/innocent", "Prefix", "innocent")], creationTimestamp: "2024-01-01T00:00:00Z")
            + Ingress("culprit", Host, [("/culprit", "Prefix", "culprit")], creationTimestamp: "2025-01-01T00:00:00Z"),
            ("innocent", 1), ("culprit", 1));
        var snapshot = cluster.Snapshot();
        var scratch = Directory.CreateTempSubdirectory("nginx-ingress-isolation-").FullName;
        var nginx = new NginxBinaryValidator("nginx", scratch);
        PipelineResult Render(IReadOnlySet<ObjectKey> leftOut) =>
            WithServerLineWhileCulpritIsIn(ConfigPipeline.Run(snapshot, cluster.Options, cluster.Nginx.Settings, leftOut));

        // The premise: nginx rejects a line of the server block, which the source map traces to both Ingresses.
        var full = Render(new HashSet<ObjectKey>());
        var verdict = await nginx.ValidateAsync(full.Rendered, CancellationToken.None);
        Assert.That(verdict.IsValid, Is.False);
        var suspects = ValidationAttribution.Trace(full.Rendered.SourceMap, verdict.Line);
        Assert.That(suspects.Block?.Kind, Is.EqualTo(ConfigBlockKind.Server), verdict.Message);
        Assert.That(suspects.Ingresses, Is.EquivalentTo(new[] { Innocent, Culprit }));

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), null, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid), result.Message);
        Assert.That(result.Rejected.Keys, Is.EqualTo(new[] { Culprit }));
        Assert.That(result.Rejected[Culprit], Does.Contain("unknown directive \"culprit_server_directive\""), "the exclusion carries nginx's own words");
        await cluster.Nginx.ApplyAsync(result.Servable!.Rendered);
        ResponseAssert.ServedBy(await cluster.GetAsync(Host, "/innocent"), "innocent");
        Assert.That((await cluster.GetAsync(Host, "/culprit")).StatusCode, Is.EqualTo(404), "the culprit's path is not served");
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>
    /// Stands in for a server-level annotation of the culprit's (server-snippet and the like, which land in the
    /// shared server block): while the culprit is in the config, its server block holds a line nginx rejects.
    /// The source map is shifted to match, as if the template had printed the line.
    /// </summary>
    private static PipelineResult WithServerLineWhileCulpritIsIn(PipelineResult result)
    {
        if (!result.Config.Servers.Any(server => server.Ingresses.Contains(Culprit)))
        {
            return result;
        }
        var lines = result.Rendered.Text.Split('\n').ToList();
        var inserted = lines.FindIndex(line => line.Contains($"server_name \"{Host}\";", StringComparison.Ordinal)) + 2;
        lines.Insert(inserted - 1, "        culprit_server_directive on;");
        var ranges = result.Rendered.SourceMap.Ranges.Select(range => range with
        {
            FirstLine = range.FirstLine >= inserted ? range.FirstLine + 1 : range.FirstLine,
            LastLine = range.LastLine >= inserted ? range.LastLine + 1 : range.LastLine,
        });
        return result with { Rendered = new RenderedConfig(string.Join('\n', lines), result.Rendered.Version, new SourceMap(ranges.ToEquatableArray())) };
    }
}
