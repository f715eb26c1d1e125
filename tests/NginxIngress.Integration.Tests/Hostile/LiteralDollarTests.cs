using NginxIngress.Core.Collections;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Rendering;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Hostile;

/// <summary>
/// nginx has no escape for "$": where it expands variables, a value's "$" must come out as a literal "$"
/// (NginxSyntax.QuoteLiteral's <c>${dollar}</c>), and a rewrite target may name captures but nothing else.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LiteralDollarTests
{
    /// <summary>
    /// No allow-list lets a "$" into a redirect URL, so the test writes one into the translated config, past the
    /// grammar, as a future annotation with a looser grammar would: the printer alone must keep it literal.
    /// </summary>
    [Test]
    public async Task A_dollar_in_a_redirect_url_reaches_the_client_as_a_literal_dollar()
    {
        const string Url = "https://new.example.com/$http_authorization/${host}/$1$";
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("moved", "old.example", [("/", "Prefix", "web")], Annotations(("permanent-redirect", "https://new.example.com/landing"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        var result = await cluster.ReconcileAsync();

        var config = WithRedirectUrl(result.Config, Url);
        await cluster.Nginx.ApplyAsync(NginxConfigRenderer.Render(config));
        var response = await cluster.GetAsync("old.example", "/any");

        Assert.That(response.StatusCode, Is.EqualTo(301), response.Summary);
        Assert.That(response.Headers["Location"], Is.EqualTo(Url));
    }

    [Test]
    public async Task A_rewrite_keeps_its_captures_and_sends_any_other_dollar_to_the_backend_as_written()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("api", "api.example", [("/api/(.*)", "ImplementationSpecific", "web")], Annotations(("rewrite-target", "/$1"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        var result = await cluster.ReconcileAsync();

        var config = result.Config with
        {
            Servers = result.Config.Servers.Select(server => server with
            {
                Locations = server.Locations.Select(location => location.Rewrite is { } rewrite
                    ? location with { Rewrite = rewrite with { Replacement = "/$1/$host" } } : location).ToEquatableArray(),
            }).ToEquatableArray(),
        };
        await cluster.Nginx.ApplyAsync(NginxConfigRenderer.Render(config));
        var echo = (await cluster.GetAsync("api.example", "/api/users")).RequireEcho();

        Assert.That(echo.Path, Is.EqualTo("/users/$host"));
    }

    [Test]
    public async Task Rewrite_target_naming_a_request_header_is_refused_with_a_problem_and_not_served()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("leak", "leak.example", [("/", "Prefix", "web")], Annotations(("rewrite-target", "/$http_authorization"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        var result = await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("leak.example", "/");

        Assert.Multiple(() =>
        {
            Assert.That(result.Problems.Select(problem => problem.Field), Is.EqualTo(new[] { "metadata.annotations[nginx.ingress.kubernetes.io/rewrite-target]" }));
            Assert.That(response.StatusCode, Is.EqualTo(404), "the Ingress is not served");
            Assert.That(cluster.PodGroups.Single().Pods.Sum(pod => pod.RequestCount), Is.Zero);
        });
    }

    private static NginxConfig WithRedirectUrl(NginxConfig config, string url) => config with
    {
        Servers = config.Servers.Select(server => server with
        {
            Locations = server.Locations.Select(location => location.Redirect is { } redirect
                ? location with { Redirect = redirect with { Url = url } } : location).ToEquatableArray(),
        }).ToEquatableArray(),
    };
}
