using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// Regex hosts behave as in ingress-nginx, surprises included (reference §5.4): every path of the host becomes a
/// case-insensitive prefix regex, and the longest path is tried first whatever it matches.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RegexTests
{
    /// <summary>One Ingress asks for use-regex; another Ingress's Exact /HEAD on the same host is promoted with it.</summary>
    [TestCase("promoted.example", "/headers", "head")]
    [TestCase("promoted.example", "/HEAD", "head")]
    [TestCase("promoted.example", "/api/v2/users", "api")]
    [TestCase("promoted.example", "/api/vx", null)]
    [TestCase("plain.example", "/HEAD", "head")]
    [TestCase("plain.example", "/headers", null)]
    [TestCase("plain.example", "/head", null)]
    public async Task Use_regex_promotes_every_path_of_the_host(string host, string path, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("api") + Service("head")
            + Ingress("regex", "promoted.example", [("/api/v[0-9]+", "ImplementationSpecific", "api")], Annotations(("use-regex", "true")))
            + Ingress("exact-on-promoted", "promoted.example", [("/HEAD", "Exact", "head")])
            + Ingress("exact-on-plain", "plain.example", [("/HEAD", "Exact", "head")]),
            ("api", 1), ("head", 1));

        var response = await cluster.GetAsync(host, path);

        ResponseAssert.ServedBy(response, service);
    }

    [TestCase("/api")]
    [TestCase("/API/users")]
    [TestCase("/Api?x=1")]
    public async Task Regex_locations_are_case_insensitive(string path)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("api") + Ingress("regex", "regex.example", [("/api", "Prefix", "api")], Annotations(("use-regex", "true"))),
            ("api", 1));

        var echo = (await cluster.GetAsync("regex.example", path)).RequireEcho();

        Assert.That(echo.Service, Is.EqualTo("api"));
        Assert.That(echo.Path, Is.EqualTo(path), "use-regex alone does not rewrite");
    }

    /// <summary>
    /// The documented warning of ingress-nginx: locations are ordered by length, and nginx takes the first regex
    /// that matches, so the 20-character pattern wins even the request that spells the literal path exactly.
    /// </summary>
    [TestCase("/foo/bar/bar", "pattern")]
    [TestCase("/foo/bar/XYZ", "pattern")]
    [TestCase("/foo/bar/ba", null)]
    [TestCase("/foo/bar", "short")]
    public async Task Longer_regex_path_is_tried_first(string path, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("literal") + Service("pattern") + Service("short")
            + Ingress("regex", "order.example",
                [("/foo/bar/bar", "ImplementationSpecific", "literal"), ("/foo/bar/[A-Z0-9]{3}", "ImplementationSpecific", "pattern"), ("/foo/bar$", "ImplementationSpecific", "short")],
                Annotations(("use-regex", "true"))),
            ("literal", 1), ("pattern", 1), ("short", 1));

        var response = await cluster.GetAsync("order.example", path);

        ResponseAssert.ServedBy(response, service);
    }
}
