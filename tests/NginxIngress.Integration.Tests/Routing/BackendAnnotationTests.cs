using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>upstream-vhost, connection-proxy-header, enable-access-log and server-alias through real nginx.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class BackendAnnotationTests
{
    [Test]
    public async Task Upstream_vhost_is_the_Host_the_backend_sees_while_X_Forwarded_Host_keeps_the_requests()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("vhost", "public.example", [("/", "Prefix", "web")], Annotations(("upstream-vhost", "internal.svc.local"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var echo = (await cluster.GetAsync("public.example", "/")).RequireEcho();

        Assert.That(echo.Host, Is.EqualTo("internal.svc.local"));
        Assert.That(echo.Header("X-Forwarded-Host"), Is.EqualTo("public.example"));
        Assert.That(echo.Header("X-Request-ID"), Is.Not.Null.And.Not.Empty, "the other headers are still sent");
    }

    [Test]
    public async Task Connection_proxy_header_is_the_Connection_header_the_backend_sees()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web")
            + Ingress("kept", "kept.example", [("/", "Prefix", "web")], Annotations(("connection-proxy-header", "keep-alive")))
            + Ingress("plain", "plain.example", [("/", "Prefix", "web")]));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var kept = (await cluster.GetAsync("kept.example", "/")).RequireEcho();
        var plain = (await cluster.GetAsync("plain.example", "/")).RequireEcho();

        Assert.That(kept.Header("Connection"), Is.EqualTo("keep-alive"));
        Assert.That(kept.Header("X-Forwarded-Host"), Is.EqualTo("kept.example"), "the other headers are still sent");
        Assert.That(plain.Header("Connection"), Is.Null, "by default an empty Connection header is not sent, which keeps upstream keepalive");
    }

    [Test]
    public async Task Enable_access_log_false_keeps_that_Ingress_out_of_the_access_log()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web")
            + Ingress("quiet", "quiet.example", [("/", "Prefix", "web")], Annotations(("enable-access-log", "false")))
            + Ingress("logged", "logged.example", [("/", "Prefix", "web")]));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        (await cluster.GetAsync("quiet.example", "/quiet-marker")).RequireEcho();
        (await cluster.GetAsync("logged.example", "/logged-marker")).RequireEcho();

        var log = await AccessLog.ReadWhenItHoldsAsync(cluster, "/logged-marker");
        Assert.That(log, Does.Contain("/logged-marker"));
        Assert.That(log, Does.Not.Contain("/quiet-marker"));
    }

    [Test]
    public async Task A_server_alias_is_served_like_the_host_it_aliases()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("shop", "shop.example", [("/", "Prefix", "web")], Annotations(("server-alias", "store.example"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var echo = (await cluster.GetAsync("store.example", "/cart")).RequireEcho();
        var unknown = await cluster.GetAsync("other.example", "/cart");

        Assert.That(echo.Path, Is.EqualTo("/cart"));
        Assert.That(unknown.StatusCode, Is.EqualTo(404), "a name that is neither host nor alias still lands on the default server");
    }
}
