using NginxIngress.TestKit;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>rewrite-target and x-forwarded-prefix as ingress-nginx applies them (reference §2.2), seen from the backend.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RewriteTests
{
    private const string SeedHost = "alicek106.example.com";

    /// <summary>
    /// The seed tutorial exactly as it ships (tests/fixtures/seed-tutorial: extensions/v1beta1 Ingress, legacy
    /// class annotation, named targetPort), except its EndpointSlice: ours points at three live echo pods.
    /// </summary>
    [Test]
    public async Task Rewrite_target_slash_sends_root_path_to_backend()
    {
        await using var cluster = LoopbackCluster.Create();
        foreach (var file in Directory.GetFiles(RepoPaths.SeedTutorial, "*.yaml").Where(f => Path.GetFileName(f) != "endpointslice.yaml").Order())
        {
            cluster.Apply(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        }
        await cluster.StartPodsAsync("hostname-service", replicas: 3, podPrefix: "hostname-deployment");
        await cluster.ReconcileAsync();

        var pods = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var echo = (await cluster.GetAsync(SeedHost, "/echo-hostname")).RequireEcho();
            Assert.That(echo.Path, Is.EqualTo("/"));
            Assert.That(echo.Host, Is.EqualTo(SeedHost));
            pods.Add(echo.Pod);
        }

        // Round robin: each run of three requests meets all three pods, in the same order every time.
        Assert.That(pods.Take(3), Is.Unique);
        Assert.That(pods.Skip(3), Is.EqualTo(pods.Take(3)));
        Assert.That(cluster.PodGroups.Single().Pods.Select(pod => pod.RequestCount), Is.All.EqualTo(2));
    }

    [TestCase("/echo-hostname?name=a&x=1", "/?name=a&x=1")]
    [TestCase("/echo-hostname/deeper?x=1", "/?x=1")]
    [TestCase("/ECHO-HOSTNAME?x=%20y", "/?x=%20y")]
    public async Task Rewrite_keeps_query_string(string request, string seen)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("echo") + Ingress("rewrite", "rewrite.example", [("/echo-hostname", "Prefix", "echo")], Annotations(("rewrite-target", "/"))),
            ("echo", 1));

        var echo = (await cluster.GetAsync("rewrite.example", request)).RequireEcho();

        Assert.That(echo.Path, Is.EqualTo(seen));
    }

    /// <summary>The canonical example of ingress-nginx's rewrite documentation.</summary>
    [TestCase("/something", "/")]
    [TestCase("/something/", "/")]
    [TestCase("/something/new", "/new")]
    [TestCase("/something/new/deeper?q=1", "/new/deeper?q=1")]
    public async Task Capture_groups_fill_rewrite_target(string request, string seen)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("echo") + Ingress("captures", "rewrite.example", [("/something(/|$)(.*)", "ImplementationSpecific", "echo")],
                Annotations(("use-regex", "true"), ("rewrite-target", "/$2"))),
            ("echo", 1));

        var echo = (await cluster.GetAsync("rewrite.example", request)).RequireEcho();

        Assert.That(echo.Path, Is.EqualTo(seen));
    }

    /// <summary>The rewrite promotes the whole host to regex matching, but only its own Ingress's paths are rewritten.</summary>
    [TestCase("/a/page", "rewritten", "/")]
    [TestCase("/b/page", "untouched", "/b/page")]
    [TestCase("/B/page", "untouched", "/B/page")]
    public async Task Rewrite_applies_only_to_paths_of_its_own_ingress(string request, string service, string seen)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("rewritten") + Service("untouched")
            + Ingress("rewrite", "shared.example", [("/a", "Prefix", "rewritten")], Annotations(("rewrite-target", "/")))
            + Ingress("plain", "shared.example", [("/b", "Prefix", "untouched")]),
            ("rewritten", 1), ("untouched", 1));

        var echo = (await cluster.GetAsync("shared.example", request)).RequireEcho();

        Assert.That(echo.Service, Is.EqualTo(service));
        Assert.That(echo.Path, Is.EqualTo(seen));
    }

    [Test]
    public async Task X_forwarded_prefix_is_sent_only_with_a_rewrite()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("echo")
            + Ingress("with-rewrite", "rewritten.example", [("/app", "Prefix", "echo")], Annotations(("rewrite-target", "/"), ("x-forwarded-prefix", "/app")))
            + Ingress("without-rewrite", "plain.example", [("/app", "Prefix", "echo")], Annotations(("x-forwarded-prefix", "/app"))),
            ("echo", 1));

        var rewritten = (await cluster.GetAsync("rewritten.example", "/app/page")).RequireEcho();
        var plain = (await cluster.GetAsync("plain.example", "/app/page")).RequireEcho();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rewritten.Path, Is.EqualTo("/"));
            Assert.That(rewritten.Header("X-Forwarded-Prefix"), Is.EqualTo("/app"));
            // The location that adds X-Forwarded-Prefix must repeat the inherited proxy headers, or nginx drops them.
            Assert.That(rewritten.Header("X-Forwarded-Host"), Is.EqualTo("rewritten.example"));
            Assert.That(rewritten.Host, Is.EqualTo("rewritten.example"));
            Assert.That(plain.Path, Is.EqualTo("/app/page"));
            Assert.That(plain.Header("X-Forwarded-Prefix"), Is.Null);
            Assert.That(plain.Header("X-Forwarded-Host"), Is.EqualTo("plain.example"));
        }
    }
}
