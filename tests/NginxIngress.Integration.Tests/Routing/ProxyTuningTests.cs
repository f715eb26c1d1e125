using System.Net;
using System.Net.Sockets;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// The proxy-* annotations as a client sees them through real nginx: a body over proxy-body-size gets 413 on that
/// Ingress only, and a backend silent past proxy-read-timeout gets the client a 504.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ProxyTuningTests
{
    [Test]
    public async Task A_body_over_proxy_body_size_gets_413_on_that_Ingress_only()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web")
            + Ingress("small", "small.example", [("/", "Prefix", "web")], new Dictionary<string, string> { ["proxy-body-size"] = "1k" })
            + Ingress("default", "default.example", [("/", "Prefix", "web")]));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        Assert.That(await PostAsync(cluster, "small.example", 4096), Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await PostAsync(cluster, "small.example", 512), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await PostAsync(cluster, "default.example", 4096), Is.EqualTo(HttpStatusCode.OK), "the 1m default still applies elsewhere");
    }

    [Test]
    public async Task A_backend_silent_past_proxy_read_timeout_gets_the_client_a_504()
    {
        // Accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("silent", targetPort: port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            + Controller.ManifestFolder.EndpointSlice("silent", new IPEndPoint(IPAddress.Loopback, port))
            + Ingress("slow", "slow.example", [("/", "Prefix", "silent")], new Dictionary<string, string> { ["proxy-read-timeout"] = "1" }));
        await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("slow.example", "/");

        Assert.That(response.StatusCode, Is.EqualTo(504), response.Summary);
    }

    private static async Task<HttpStatusCode> PostAsync(LoopbackCluster cluster, string host, int bodyBytes)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{cluster.Nginx.Address}:{cluster.Nginx.HttpPort}/")
        {
            Content = new ByteArrayContent(new byte[bodyBytes]),
        };
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
