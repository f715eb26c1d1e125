using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>permanent-redirect, temporal-redirect, app-root, from-to-www-redirect and preserve-trailing-slash as a client sees them through real nginx.</summary>
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

    [TestCase("shop.example", "www.shop.example")]
    [TestCase("www.blog.example", "blog.example")]
    public async Task From_to_www_redirect_sends_the_other_name_to_the_host_with_308_keeping_the_uri(string host, string other)
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("shop", host, [("/", "Prefix", "web")], Annotations(("from-to-www-redirect", "true"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var redirect = await cluster.GetAsync(other, "/cart/");
        var followed = await cluster.Client.SendAsync("GET", other, "/cart?item=7", followRedirects: true);

        Assert.That(redirect.StatusCode, Is.EqualTo(308), redirect.Summary);
        Assert.That(redirect.Headers["Location"], Is.EqualTo($"http://{host}/cart"), "the same scheme and URI, less a trailing slash (as ingress-nginx trims it)");
        var echo = followed.RequireEcho();
        Assert.That((echo.Host, echo.Path), Is.EqualTo((host, "/cart?item=7")));
    }

    [TestCase(null, "/docs")]
    [TestCase("true", "/docs/")]
    public async Task Preserve_trailing_slash_keeps_the_slash_in_the_https_redirect(string? preserve, string expectedPath)
    {
        await using var cluster = LoopbackCluster.Create();
        var annotations = new Dictionary<string, string> { ["force-ssl-redirect"] = "true" };
        if (preserve is not null)
        {
            annotations["preserve-trailing-slash"] = preserve;
        }
        cluster.Apply(Service("web") + Ingress("docs", "docs.example", [("/", "Prefix", "web")], annotations));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("docs.example", "/docs/");

        Assert.That(response.StatusCode, Is.EqualTo(308), response.Summary);
        Assert.That(new Uri(response.Headers["Location"]).AbsolutePath, Is.EqualTo(expectedPath));
    }
}
