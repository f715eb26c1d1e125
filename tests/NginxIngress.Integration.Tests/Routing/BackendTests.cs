using System.Net;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>How a Service backend becomes upstream servers: EndpointSlices, ports by name, readiness, ExternalName.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class BackendTests
{
    public enum Endpoints
    {
        NoEndpointSlice,
        AllNotReady,
        NoService,
    }

    [TestCase(Endpoints.NoEndpointSlice)]
    [TestCase(Endpoints.AllNotReady)]
    [TestCase(Endpoints.NoService)]
    public async Task Service_without_ready_endpoints_answers_503(Endpoints endpoints)
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply((endpoints == Endpoints.NoService ? "" : Service("idle")) + Ingress("idle", "idle.example", [("/", "Prefix", "idle")]));
        if (endpoints == Endpoints.AllNotReady)
        {
            await cluster.StartPodsAsync("idle", replicas: 2, notReady: 2);
        }
        await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("idle.example", "/");

        Assert.That(response.StatusCode, Is.EqualTo(503), response.Summary);
        Assert.That(response.Echo, Is.Null);
        Assert.That(cluster.PodGroups.SelectMany(group => group.Pods).Sum(pod => pod.RequestCount), Is.Zero);
    }

    [Test]
    public async Task Not_ready_endpoints_receive_no_traffic()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")]));
        var group = await cluster.StartPodsAsync("web", replicas: 3, notReady: 1);
        await cluster.ReconcileAsync();

        var pods = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            pods.Add((await cluster.GetAsync("web.example", "/")).RequireEcho().Pod);
        }

        Assert.That(pods, Is.EquivalentTo(group.Ready.Select(pod => pod.Pod)));
        Assert.That(group.NotReady.Single().RequestCount, Is.Zero);
    }

    /// <summary>
    /// The Service has two ports with named targetPorts, and each port's pods sit in their own EndpointSlice. Only
    /// the slice port names tie a Service port to its pods, whether the Ingress names the port or gives its number.
    /// </summary>
    [TestCase("number: 80", "web-pods")]
    [TestCase("name: web", "web-pods")]
    [TestCase("number: 9090", "metrics-pods")]
    [TestCase("name: metrics", "metrics-pods")]
    public async Task Named_target_port_resolves_through_endpointslice_ports(string ingressPort, string pods)
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply($"""
            apiVersion: v1
            kind: Service
            metadata:
              name: multi
            spec:
              ports:
              - name: web
                port: 80
                targetPort: web-port
              - name: metrics
                port: 9090
                targetPort: metrics-port
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: multi
            spec:
              ingressClassName: nginx
              rules:
              - host: multi.example
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: multi
                        port:
                          {ingressPort}
            """);
        await cluster.StartPodsAsync("multi", replicas: 1, reportedService: "web-pods", portNames: ["web"]);
        await cluster.StartPodsAsync("multi", replicas: 1, reportedService: "metrics-pods", portNames: ["metrics"]);
        await cluster.ReconcileAsync();

        var response = await cluster.GetAsync("multi.example", "/");

        ResponseAssert.ServedBy(response, pods);
    }

    /// <summary>An ExternalName Service is proxied to its DNS name, and the backend still sees the client's Host.</summary>
    [Test]
    public async Task ExternalName_service_is_proxied()
    {
        await using var external = await EchoBackend.StartAsync(IPAddress.Loopback, 0, "external", "external-0");
        await using var cluster = await LoopbackCluster.StartAsync($"""
            apiVersion: v1
            kind: Service
            metadata:
              name: external
            spec:
              type: ExternalName
              externalName: localhost
              ports:
              - name: http
                port: 80
                targetPort: {external.Port}

            """
            + Ingress("external", "external.example", [("/", "Prefix", "external")]));

        var echo = (await cluster.GetAsync("external.example", "/path?q=1")).RequireEcho();

        Assert.That(echo.Service, Is.EqualTo("external"));
        Assert.That(echo.Path, Is.EqualTo("/path?q=1"));
        Assert.That(echo.Host, Is.EqualTo("external.example"));
        Assert.That(external.RequestCount, Is.EqualTo(1));
    }
}
