using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// Changes reach a running nginx by reload: once a reconcile returns, every request sees the new routes (the
/// fixture waits for the new version and for the old workers to exit), and no request is dropped on the way.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ReloadTests
{
    [Test]
    public async Task Updated_ingress_routes_to_new_backend_after_reload()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("blue") + Service("green") + Ingress("app", "app.example", [("/", "Prefix", "blue")]),
            ("blue", 1), ("green", 1));
        var firstVersion = cluster.Nginx.Version;
        ResponseAssert.ServedBy(await cluster.GetAsync("app.example", "/"), "blue");

        // A later definition of the same Ingress replaces the earlier one, as kubectl apply does.
        cluster.Apply(Ingress("app", "app.example", [("/", "Prefix", "green")]));
        await cluster.ReconcileAsync();

        Assert.That(cluster.Nginx.Version, Is.Not.EqualTo(firstVersion));
        for (var i = 0; i < 5; i++)
        {
            ResponseAssert.ServedBy(await cluster.GetAsync("app.example", "/"), "green");
        }
    }

    [Test]
    public async Task Added_endpoints_receive_traffic_after_reload()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")]),
            ("web", 1));
        var scaledUp = await cluster.StartPodsAsync("web", replicas: 2, podPrefix: "web-scaled");
        await cluster.ReconcileAsync();

        var pods = new HashSet<string>();
        for (var i = 0; i < 9; i++)
        {
            pods.Add((await cluster.GetAsync("web.example", "/")).RequireEcho().Pod);
        }

        Assert.That(pods, Is.SupersetOf(scaledUp.Pods.Select(pod => pod.Pod)));
        Assert.That(pods, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Requests_during_reloads_are_all_answered()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("blue") + Service("green") + Ingress("app", "app.example", [("/", "Prefix", "blue")]),
            ("blue", 1), ("green", 1));
        // A fresh connection per request: every one must be answered, by the old workers or the new. (A request
        // sent on an idle keep-alive connection just as an old worker closes it can meet a reset; that race is
        // HTTP keep-alive's, the same with any nginx, and clients retry such idempotent requests.)
        using var client = new IngressClient(cluster.Nginx);
        var closeEachConnection = new Dictionary<string, string> { ["Connection"] = "close" };
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var answers = new List<int>();
            while (!stop.IsCancellationRequested)
            {
                answers.Add((await client.SendAsync("GET", "app.example", "/", headers: closeEachConnection)).StatusCode);
            }
            return answers;
        });

        foreach (var service in new[] { "green", "blue", "green" })
        {
            cluster.Apply(Ingress("app", "app.example", [("/", "Prefix", service)]));
            await cluster.ReconcileAsync();
        }
        await stop.CancelAsync();
        var statuses = await traffic;

        Assert.That(statuses, Is.Not.Empty.And.All.EqualTo(200));
        ResponseAssert.ServedBy(await cluster.GetAsync("app.example", "/"), "green");
    }
}
