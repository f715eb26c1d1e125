using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// allowlist-source-range and denylist-source-range through real nginx, from a client on a loopback address: a range
/// that holds it is served or refused as the lists say, with 403 when refused.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SourceRangeTests
{
    [TestCase("allowlist-source-range", "10.0.0.0/8", 403)]
    [TestCase("allowlist-source-range", "127.0.0.0/8, 10.0.0.0/8", 200)]
    [TestCase("whitelist-source-range", "192.168.0.0/16", 403)]
    [TestCase("denylist-source-range", "127.0.0.0/8", 403)]
    [TestCase("denylist-source-range", "10.0.0.0/8", 200)]
    public async Task A_loopback_client_is_served_or_refused_as_the_ranges_say(string annotation, string ranges, int status)
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web")
            + Ingress("guarded", "guarded.example", [("/", "Prefix", "web")], Annotations((annotation, ranges)))
            + Ingress("open", "open.example", [("/", "Prefix", "web")]));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        var guarded = await cluster.GetAsync("guarded.example", "/");
        var open = await cluster.GetAsync("open.example", "/");

        Assert.That(guarded.StatusCode, Is.EqualTo(status), guarded.Summary);
        Assert.That(open.StatusCode, Is.EqualTo(200), "another Ingress's lists do not reach this one");
    }
}
