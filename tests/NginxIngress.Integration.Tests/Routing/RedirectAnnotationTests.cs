using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>permanent-redirect, temporal-redirect and app-root as a client sees them through real nginx.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RedirectAnnotationTests
{
    [TestCase("permanent-redirect", null, 301)]
    [TestCase("permanent-redirect", "308", 308)]
    [TestCase("temporal-redirect", null, 302)]
    [TestCase("temporal-redirect", "307", 307)]
    public async Task A_redirect_annotation_answers_every_path_with_its_code_and_url(string annotation, string? code, int status)
    {
        await using var cluster = LoopbackCluster.Create();
        var annotations = new Dictionary<string, string> { [annotation] = "https://new.example.com/landing?from=old" };
        if (code is not null)
        {
            annotations[$"{annotation}-code"] = code;
        }
        cluster.Apply(Service("web") + Ingress("moved", "old.example", [("/", "Prefix", "web")], annotations));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("old.example", "/any/path");

        Assert.That(response.StatusCode, Is.EqualTo(status), response.Summary);
        Assert.That(response.Headers["Location"], Is.EqualTo("https://new.example.com/landing?from=old"));
        Assert.That(cluster.PodGroups.SelectMany(group => group.Pods).Sum(pod => pod.RequestCount), Is.Zero, "nothing reaches the backend");
    }

    [Test]
    public async Task App_root_redirects_only_the_root_and_serves_the_rest()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("app", "app.example", [("/", "Prefix", "web")], Annotations(("app-root", "/app/index"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var root = await cluster.GetAsync("app.example", "/");
        var page = await cluster.GetAsync("app.example", "/app/index");

        Assert.That(root.StatusCode, Is.EqualTo(302), root.Summary);
        Assert.That(root.Headers["Location"], Is.EqualTo("http://app.example/app/index"));
        Assert.That(page.StatusCode, Is.EqualTo(200), page.Summary);
    }
}
