using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>The Ingress API's path matching (reference §5.1) on plain hosts, where nginx must not add its own redirects.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PathTests
{
    /// <summary>nginx would answer /foo with a 301 to /foo/ for a proxied <c>location /foo/</c>; the API says 404.</summary>
    [TestCase("/foo/", "exact-slash")]
    [TestCase("/foo", null)]
    [TestCase("/foo/bar", null)]
    [TestCase("/bar", "prefix-slash")]
    [TestCase("/bar/", "prefix-slash")]
    [TestCase("/bar/baz", "prefix-slash")]
    public async Task Exact_path_with_trailing_slash_does_not_redirect_bare_path(string path, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("exact-slash") + Service("prefix-slash")
            + Ingress("slashes", "slash.example", [("/foo/", "Exact", "exact-slash"), ("/bar/", "Prefix", "prefix-slash")]),
            ("exact-slash", 1), ("prefix-slash", 1));

        var response = await cluster.GetAsync("slash.example", path);

        Assert.That(response.Headers.ContainsKey("Location"), Is.False, response.Summary);
        ResponseAssert.ServedBy(response, service);
    }

    [TestCase("/foo", "foo")]
    [TestCase("/foo/", "foo")]
    [TestCase("/foo/bar", "foo-bar")]
    [TestCase("/foobar", null)]
    [TestCase("/fo", null)]
    [TestCase("/FOO", null)]
    [TestCase("/foo/bar/baz", "foo-bar")]
    [TestCase("/foo/barbaz", "foo")]
    [TestCase("/foo/bar/", "foo-bar")]
    public async Task Prefix_path_does_not_match_sibling_segment(string path, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("foo") + Service("foo-bar")
            + Ingress("prefixes", "prefix.example", [("/foo", "Prefix", "foo"), ("/foo/bar/", "Prefix", "foo-bar")]),
            ("foo", 1), ("foo-bar", 1));

        var response = await cluster.GetAsync("prefix.example", path);

        ResponseAssert.ServedBy(response, service);
        if (service is not null)
        {
            Assert.That(response.RequireEcho().Path, Is.EqualTo(path));
        }
    }

    /// <summary>
    /// The newer Ingress comes first in the file, so the winner is decided by creationTimestamp, not by order;
    /// its other paths on the same host are still merged in.
    /// </summary>
    [TestCase("/app", "old")]
    [TestCase("/app/page", "old")]
    [TestCase("/only-new", "new")]
    public async Task Oldest_ingress_wins_a_path_conflict(string path, string service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("old") + Service("new")
            + Ingress("newer", "shared.example", [("/app", "Prefix", "new"), ("/only-new", "Prefix", "new")], creationTimestamp: "2024-05-01T00:00:00Z")
            + Ingress("older", "shared.example", [("/app", "Prefix", "old")], creationTimestamp: "2020-01-01T00:00:00Z"),
            ("old", 1), ("new", 1));

        var response = await cluster.GetAsync("shared.example", path);

        ResponseAssert.ServedBy(response, service);
        Assert.That(cluster.LastResult!.Problems.Select(p => p.Reason), Has.Some.EqualTo("Conflict"));
    }
}
