using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>Which server block a Host lands in, and what the backend is told about the request.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HostTests
{
    [TestCase("unknown.example")]
    [TestCase("known.example.evil")]
    [TestCase(null)]
    public async Task Unknown_host_gets_404_from_default_server(string? host)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("known") + Ingress("known", "known.example", [("/", "Prefix", "known")]),
            ("known", 1));

        var response = await cluster.GetAsync(host, "/");

        ResponseAssert.ServedBy(response, null);
        Assert.That(cluster.PodGroups.Single().Pods.Single().RequestCount, Is.Zero);
    }

    /// <summary>nginx tries exact names before regex names, whatever order the rules come in.</summary>
    [TestCase("foo.bar.com", "exact")]
    [TestCase("FOO.bar.com", "exact")]
    [TestCase("baz.bar.com", "wildcard")]
    public async Task Exact_host_beats_wildcard(string host, string service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("exact") + Service("wildcard")
            + Ingress("wildcard", "*.bar.com", [("/", "Prefix", "wildcard")])
            + Ingress("exact", "foo.bar.com", [("/", "Prefix", "exact")]),
            ("exact", 1), ("wildcard", 1));

        var response = await cluster.GetAsync(host, "/");

        ResponseAssert.ServedBy(response, service);
    }

    [TestCase("bar.foo.com", "wildcard")]
    [TestCase("BAR.Foo.com", "wildcard")]
    [TestCase("bar.foo.com:8080", "wildcard")]
    [TestCase("a-b.foo.com", "wildcard")]
    [TestCase("baz.bar.foo.com", null)]
    [TestCase("foo.com", null)]
    [TestCase("barfoo.com", null)]
    public async Task Wildcard_matches_exactly_one_label(string host, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("wildcard") + Ingress("wildcard", "*.foo.com", [("/", "Prefix", "wildcard")]),
            ("wildcard", 1));

        var response = await cluster.GetAsync(host, "/");

        ResponseAssert.ServedBy(response, service);
    }

    /// <summary>
    /// Every valid host length must fit nginx's server-name hash; the lengths are those just below each bucket
    /// size, where an undersized bucket makes nginx refuse the whole config.
    /// </summary>
    [TestCase(48)]
    [TestCase(112)]
    [TestCase(240)]
    [TestCase(253)]
    public async Task Long_host_names_are_served(int length)
    {
        var host = LongHost(length);
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("long") + Ingress("long", host, [("/", "Prefix", "long")]),
            ("long", 1));

        var echo = (await cluster.GetAsync(host, "/")).RequireEcho();

        Assert.That(echo.Host, Has.Length.EqualTo(length));
    }

    [TestCase("anything.example", "/api/x", "no-host")]
    [TestCase(null, "/api", "no-host")]
    [TestCase("anything.example", "/", null)]
    [TestCase("known.example", "/api", "known")]
    public async Task Rule_without_host_serves_every_host_without_rules(string? host, string path, string? service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("no-host") + Service("known")
            + Ingress("no-host", null, [("/api", "Prefix", "no-host")])
            + Ingress("known", "known.example", [("/", "Prefix", "known")]),
            ("no-host", 1), ("known", 1));

        var response = await cluster.GetAsync(host, path);

        ResponseAssert.ServedBy(response, service);
    }

    [TestCase("unknown.example", "/any/path?x=1", "fallback")]
    [TestCase(null, "/", "fallback")]
    [TestCase("known.example", "/", "known")]
    [TestCase("known.example", "/elsewhere", "known")]
    public async Task Spec_default_backend_serves_unknown_hosts(string? host, string path, string service)
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("fallback") + Service("known") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: catch-all
                spec:
                  ingressClassName: nginx
                  defaultBackend:
                    service:
                      name: fallback
                      port:
                        number: 80

                """
            + Ingress("known", "known.example", [("/", "Prefix", "known")]),
            ("fallback", 1), ("known", 1));

        var response = await cluster.GetAsync(host, path);

        ResponseAssert.ServedBy(response, service);
        Assert.That(response.RequireEcho().Path, Is.EqualTo(path));
    }

    /// <summary>DNS labels of up to 63 characters, dot-separated, ending in .example: <paramref name="length"/> characters in all.</summary>
    private static string LongHost(int length)
    {
        var labels = new List<string>();
        var remaining = length - ".example".Length;
        while (remaining > 63)
        {
            var label = Math.Min(63, remaining - 2); // leave a dot and at least one character
            labels.Add(new string((char)('a' + labels.Count), label));
            remaining -= label + 1;
        }
        labels.Add(new string((char)('a' + labels.Count), remaining));
        return string.Join('.', labels) + ".example";
    }

    [Test]
    public async Task Backend_sees_host_header_and_forwarded_headers()
    {
        await using var cluster = await LoopbackCluster.StartAsync(
            Service("echo") + Ingress("echo", "echo.example", [("/", "Prefix", "echo")]),
            ("echo", 1));

        var plain = (await cluster.GetAsync("echo.example", "/hello/./world?x=1&y=%2F")).RequireEcho();
        var traced = (await cluster.Client.SendAsync("GET", "echo.example", "/", headers: new Dictionary<string, string> { ["X-Request-ID"] = "trace-42" })).RequireEcho();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Host, Is.EqualTo("echo.example"));
            // Without a rewrite nginx passes the request-URI through untouched (reference §2.2 rule 3).
            Assert.That(plain.Path, Is.EqualTo("/hello/./world?x=1&y=%2F"));
            Assert.That(plain.Proto, Is.EqualTo("HTTP/1.1"));
            Assert.That(plain.Header("User-Agent"), Is.EqualTo(IngressClient.UserAgent));
            Assert.That(plain.Header("X-Forwarded-Host"), Is.EqualTo("echo.example"));
            Assert.That(plain.Header("X-Forwarded-Proto"), Is.EqualTo("http"));
            Assert.That(plain.Header("X-Forwarded-Scheme"), Is.EqualTo("http"));
            Assert.That(plain.Header("X-Scheme"), Is.EqualTo("http"));
            Assert.That(plain.Header("X-Forwarded-Port"), Is.EqualTo(cluster.Nginx.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(plain.Header("X-Original-URI"), Is.EqualTo("/hello/./world?x=1&y=%2F"));
            Assert.That(plain.Header("X-Real-IP"), Does.StartWith("127."));
            Assert.That(plain.Header("X-Forwarded-For"), Is.EqualTo(plain.Header("X-Real-IP")));
            Assert.That(plain.Header("X-Request-ID"), Does.Match("^[0-9a-f]{32}$"), "nginx makes one up when the client sends none");
            Assert.That(plain.Header("Proxy"), Is.Null, "httpoxy: the Proxy header is never forwarded");
            Assert.That(traced.Header("X-Request-ID"), Is.EqualTo("trace-42"));
        }
    }
}
