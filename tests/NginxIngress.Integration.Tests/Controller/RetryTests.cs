using System.Net;
using System.Net.Sockets;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// What the controller does when nginx will not take a config that passed <c>nginx -t</c>, and when an Ingress's
/// rejection is fixed by a change to another object: real controller, real nginx, real files.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private ManifestFolder _manifests = null!;
    private EchoBackend _web = null!;

    [SetUp]
    public async Task StartBackend()
    {
        _manifests = new ManifestFolder();
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _manifests.WriteService("web", new IPEndPoint(_web.Address, _web.Port));
    }

    [TearDown]
    public async Task StopBackend()
    {
        await _web.DisposeAsync();
        _manifests.Dispose();
    }

    [Test]
    public async Task Config_nginx_cannot_load_is_retried_and_reported_once_until_it_loads()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        // nginx -t does not bind ports, so it passes; nginx itself cannot listen while this socket holds the port.
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var port = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        await using var controller = await RunningController.StartAsync(_manifests.Path, httpPort: port,
            configure: settings => settings with { VerifyTimeout = TimeSpan.FromSeconds(1) });

        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.FailedApplies >= 3), Patience, "the config is tried again and again");
        Assert.That(controller.Loop.ReportedFailures, Is.EqualTo(1), "one report for the change, not one per retry");
        Assert.That(await controller.HealthzAsync(), Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        squatter.Close();
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "the retried config goes live once the port is free");
        using var response = await controller.GetAsync("web.example.com", "/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(controller.Loop.ReportedFailures, Is.EqualTo(1));
    }

    [Test]
    public async Task Ingress_rejected_because_of_its_service_is_served_once_the_service_is_fixed()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        _manifests.WriteIngress("api", "api.example.com", "/", "api");
        // nginx -t resolves an ExternalName's host and rejects the upstream when it cannot (".invalid" never resolves).
        _manifests.Write("api-service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              type: ExternalName
              externalName: api.nginx-ingress-test.invalid
              ports: [{name: http, port: 80}]
            """);
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy without the rejected Ingress");
        Assert.That(await File.ReadAllTextAsync(controller.LiveConfigPath), Does.Not.Contain("api.example.com"), "the Ingress nginx rejects is left out");
        using (var good = await controller.GetAsync("web.example.com", "/"))
        {
            Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the rest is served");
        }

        // The fix is in the Service, not in the Ingress: the exclusion must not outlive its cause.
        await using var api = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "api", "api-1");
        _manifests.WriteService("api", new IPEndPoint(api.Address, api.Port));

        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync("api.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK && EchoResponse.TryParse(await response.Content.ReadAsStringAsync())?.Pod == "api-1";
        }, Patience, "the Ingress is served once its Service is fixed");
    }
}
