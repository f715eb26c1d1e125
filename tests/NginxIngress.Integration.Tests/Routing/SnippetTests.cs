using NginxIngress.Integration.Tests.Tls;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// Snippets through real nginx: ingress-nginx users' snippets use more_set_headers and proxy_set_header, so with
/// both gates open they must work as they did there, and with the default gates they must do nothing.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SnippetTests
{
    private static readonly IReadOnlyDictionary<string, string> ShopSnippets = Annotations(
        ("configuration-snippet", "more_set_headers 'X-Snippet: yes'; proxy_set_header X-Team shop;"),
        ("server-snippet", "location = /ping { return 200 'pong'; }"));

    [Test]
    public async Task With_both_gates_open_the_snippets_set_response_and_request_headers_and_add_a_location()
    {
        await using var cluster = await StartAsync(TlsYaml.ConfigMap(("allow-snippet-annotations", "true"), ("annotations-risk-level", "Critical"),
            ("location-snippet", "more_set_headers 'X-Everywhere: 1';")));

        var proxied = await cluster.GetAsync("shop.example", "/cart");
        var ping = await cluster.GetAsync("shop.example", "/ping");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxied.Headers["X-Snippet"], Is.EqualTo("yes"), proxied.Summary);
            Assert.That(proxied.Headers["X-Everywhere"], Is.EqualTo("1"), "the ConfigMap's location-snippet");
            var echo = proxied.RequireEcho();
            Assert.That(echo.Header("X-Team"), Is.EqualTo("shop"));
            Assert.That(echo.Header("X-Forwarded-Host"), Is.EqualTo("shop.example"), "the snippet's proxy_set_header does not drop the inherited headers");
            Assert.That(echo.Header("X-Request-ID"), Is.Not.Null.And.Not.Empty);
            Assert.That((ping.StatusCode, ping.Body), Is.EqualTo((200, "pong")), "the server-snippet's location");
        }
    }

    [Test]
    public async Task With_the_default_gates_snippet_annotations_do_nothing_and_the_Ingress_is_still_served()
    {
        await using var cluster = await StartAsync(TlsYaml.ConfigMap(("location-snippet", "more_set_headers 'X-Everywhere: 1';")));

        var proxied = await cluster.GetAsync("shop.example", "/cart");
        var ping = await cluster.GetAsync("shop.example", "/ping");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxied.RequireEcho().Header("X-Team"), Is.Null);
            Assert.That(proxied.Headers.ContainsKey("X-Snippet"), Is.False);
            Assert.That(proxied.Headers["X-Everywhere"], Is.EqualTo("1"), "the ConfigMap's own snippets are not gated");
            Assert.That(ping.RequireEcho().Path, Is.EqualTo("/ping"), "no /ping location: the request is proxied");
        }
    }

    private static async Task<LoopbackCluster> StartAsync(string configMap)
    {
        var cluster = LoopbackCluster.Create(options: TlsCluster.WithConfigMap);
        try
        {
            cluster.Apply(configMap + Service("shop") + Ingress("shop", "shop.example", [("/", "Prefix", "shop")], ShopSnippets));
            await cluster.StartPodsAsync("shop", replicas: 1);
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
