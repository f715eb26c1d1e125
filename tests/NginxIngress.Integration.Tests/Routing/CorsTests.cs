using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>enable-cors through real nginx (with Debian's headers-more module): the preflight answer and the headers.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class CorsTests
{
    [Test]
    public async Task Cors_preflight_is_answered_204_by_nginx_with_ingress_nginxs_default_headers()
    {
        await using var cluster = await StartAsync(Annotations(("enable-cors", "true")));

        var preflight = await cluster.Client.SendAsync("OPTIONS", "api.example", "/items",
            headers: new Dictionary<string, string> { ["Origin"] = "https://app.example", ["Access-Control-Request-Method"] = "PUT" });

        Assert.That(preflight.StatusCode, Is.EqualTo(204), preflight.Summary);
        Assert.That(preflight.Echo, Is.Null, "the backend never sees the preflight");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(preflight.Headers["Access-Control-Allow-Origin"], Is.EqualTo("*"));
            Assert.That(preflight.Headers["Access-Control-Allow-Methods"], Is.EqualTo("GET, PUT, POST, DELETE, PATCH, OPTIONS"));
            Assert.That(preflight.Headers["Access-Control-Allow-Headers"], Does.StartWith("DNT,Keep-Alive,User-Agent"));
            Assert.That(preflight.Headers["Access-Control-Allow-Credentials"], Is.EqualTo("true"));
            Assert.That(preflight.Headers["Access-Control-Max-Age"], Is.EqualTo("1728000"));
            Assert.That(preflight.Headers["Content-Length"], Is.EqualTo("0"));
        }
    }

    [Test]
    public async Task A_listed_origin_is_echoed_on_the_backends_answer_and_another_origin_gets_no_cors_headers()
    {
        await using var cluster = await StartAsync(Annotations(("enable-cors", "true"),
            ("cors-allow-origin", "https://app.example, https://*.partner.example"), ("cors-expose-headers", "X-Total")));

        var listed = await GetWithOriginAsync(cluster, "https://app.example");
        var wildcard = await GetWithOriginAsync(cluster, "https://eu.partner.example");
        var deeper = await GetWithOriginAsync(cluster, "https://a.eu.partner.example");
        var other = await GetWithOriginAsync(cluster, "https://evil.example");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.RequireEcho().Path, Is.EqualTo("/items"), "a CORS request still reaches the backend");
            Assert.That(listed.Headers["Access-Control-Allow-Origin"], Is.EqualTo("https://app.example"));
            Assert.That(listed.Headers["Access-Control-Expose-Headers"], Is.EqualTo("X-Total"));
            Assert.That(wildcard.Headers["Access-Control-Allow-Origin"], Is.EqualTo("https://eu.partner.example"));
            Assert.That(deeper.Headers.ContainsKey("Access-Control-Allow-Origin"), Is.False, "*. matches one label only");
            Assert.That(other.Headers.ContainsKey("Access-Control-Allow-Origin"), Is.False);
            Assert.That(other.RequireEcho().Path, Is.EqualTo("/items"), "a request from another origin is still served, only without CORS headers");
        }
    }

    [Test]
    public async Task A_preflight_from_an_origin_not_listed_goes_to_the_backend_unanswered()
    {
        await using var cluster = await StartAsync(Annotations(("enable-cors", "true"), ("cors-allow-origin", "https://app.example")));

        var preflight = await cluster.Client.SendAsync("OPTIONS", "api.example", "/items", headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" });

        Assert.That(preflight.RequireEcho().Method, Is.EqualTo("OPTIONS"));
        Assert.That(preflight.Headers.ContainsKey("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Cors_headers_over_https_keep_the_Strict_Transport_Security_header()
    {
        await using var cluster = await StartAsync(Annotations(("enable-cors", "true")));

        var response = await cluster.Client.SendAsync("GET", "api.example", "/items", headers: new Dictionary<string, string> { ["Origin"] = "https://app.example" }, tls: true);

        Assert.That(response.Headers["Access-Control-Allow-Origin"], Is.EqualTo("*"), response.Summary);
        Assert.That(response.Headers["Strict-Transport-Security"], Does.StartWith("max-age=31536000"));
    }

    private static Task<IngressResponse> GetWithOriginAsync(LoopbackCluster cluster, string origin) =>
        cluster.Client.SendAsync("GET", "api.example", "/items", headers: new Dictionary<string, string> { ["Origin"] = origin });

    private static async Task<LoopbackCluster> StartAsync(IReadOnlyDictionary<string, string> annotations)
    {
        var cluster = LoopbackCluster.Create();
        try
        {
            cluster.Apply(Service("api") + Ingress("api", "api.example", [("/", "Prefix", "api")], annotations));
            await cluster.StartPodsAsync("api", replicas: 1);
            await cluster.ReconcileAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
