using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary><c>nginx-ingress run --manifests DIR</c> end to end: real nginx child, real backends, real files.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RunModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ManifestFolder _manifests = null!;
    private EchoBackend _web = null!;
    private EchoBackend _api = null!;

    [SetUp]
    public async Task StartBackends()
    {
        _manifests = new ManifestFolder();
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _api = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "api", "api-1");
        _manifests.WriteService("web", new IPEndPoint(_web.Address, _web.Port));
        _manifests.WriteService("api", new IPEndPoint(_api.Address, _api.Port));
    }

    [TearDown]
    public async Task StopBackends()
    {
        await _web.DisposeAsync();
        await _api.DisposeAsync();
        _manifests.Dispose();
    }

    [Test]
    public async Task Serves_the_manifests_and_reports_healthy()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);

        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "/healthz answers 200");
        using var response = await controller.GetAsync("web.example.com", "/hello");
        var echo = EchoResponse.TryParse(await response.Content.ReadAsStringAsync());

        Assert.That(echo?.Pod, Is.EqualTo("web-1"));
        Assert.That(echo?.Path, Is.EqualTo("/hello"));
    }

    [Test]
    public async Task Healthz_is_503_until_nginx_serves_the_config_then_200()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        // Something else holds nginx's HTTP port, so nginx cannot start and serves nothing.
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var port = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        await using var controller = await RunningController.StartAsync(_manifests.Path, httpPort: port);

        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() is not null, Patience, "/healthz answers at all");
        Assert.That(await controller.HealthzAsync(), Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        squatter.Close();
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, TimeSpan.FromSeconds(20),
            "/healthz answers 200 once the supervisor has started nginx on the freed port");
    }

    [Test]
    public async Task Healthz_stays_200_through_later_reloads()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");

        // Probe as a kubelet would, only much faster, while five edits are validated, reloaded and verified.
        var answers = new List<HttpStatusCode?>();
        using var stop = new CancellationTokenSource();
        var probing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Add(await controller.HealthzAsync());
            }
        });
        var reloadsBefore = controller.Loop.Reloads.Count;
        for (var i = 0; i < 5; i++)
        {
            _manifests.WriteIngress($"edit-{i}", $"edit-{i}.example.com", "/", "web");
            await RunningController.EventuallyAsync(async () =>
            {
                using var response = await controller.GetAsync($"edit-{i}.example.com", "/");
                return response.StatusCode == HttpStatusCode.OK;
            }, Patience, $"edit {i} is served");
        }
        // The premise: each edit was a reload. nginx answers the new host a moment before the loop counts the reload.
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Reloads.Count - reloadsBefore >= 5), Patience, "five reloads counted");
        await stop.CancelAsync();
        await probing;

        Assert.That(answers, Is.Not.Empty.And.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Edited_manifest_is_served_without_a_restart()
    {
        _manifests.WriteIngress("web", "web.example.com", "/old", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");

        _manifests.WriteIngress("web", "web.example.com", "/new", "web");
        var took = await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync("web.example.com", "/new");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, "the edited path is served");

        TestContext.Out.WriteLine($"Edit to served: {took.TotalMilliseconds:F0} ms");
        using var old = await controller.GetAsync("web.example.com", "/old");
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the old path is gone");
    }

    [Test]
    public async Task Burst_of_edits_causes_one_reload()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        // The first apply counts once it has been verified, which can be just after /healthz turns 200.
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Reloads.Count == 1), Patience, "the first config is applied");
        var reloadsBefore = controller.Loop.Reloads.Count;

        // Ten Ingresses written 20 ms apart: well inside the quiet period that coalesces changes.
        for (var i = 0; i < 10; i++)
        {
            _manifests.WriteIngress($"burst-{i}", $"burst-{i}.example.com", "/", "api");
            await Task.Delay(20);
        }
        // Wait until the reload that brought the last Ingress in has been counted: the loop's latest reload is the
        // version nginx serves, and that config holds burst-9. A coalescing failure shows as more than one reload.
        (int Count, string? Version) reloads = default;
        await RunningController.EventuallyAsync(async () =>
        {
            reloads = controller.Loop.Reloads;
            using var response = await controller.GetAsync("burst-9.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK && reloads.Version is { } version
                && await controller.ServedVersionAsync() == version;
        }, Patience, "the last Ingress of the burst is served and its reload counted");

        Assert.That(reloads.Count - reloadsBefore, Is.EqualTo(1));
    }

    [Test]
    public async Task Unchanged_config_causes_no_reload()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        // The first apply counts once it has been verified, which can be just after /healthz turns 200.
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Reloads.Count == 1), Patience, "the first config is applied");
        var reloadsBefore = controller.Loop.Reloads.Count;
        var unchangedBefore = controller.Loop.Unchanged;

        // A label on the Ingress: the object changes, but it renders the same bytes.
        _manifests.Write("web-ingress.yaml", RoutingYaml.Ingress("web", "web.example.com", [("/", "Prefix", "web")]).Replace("metadata:\n", "metadata:\n  labels: {team: web}\n", StringComparison.Ordinal));
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Unchanged > unchangedBefore), Patience, "the change is reconciled");

        Assert.That(controller.Loop.Reloads.Count, Is.EqualTo(reloadsBefore));
    }

    [Test]
    public async Task Ingress_rejected_by_nginx_is_excluded_and_the_rest_is_served()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        // .NET's regex engine accepts a repeated group name; nginx's PCRE does not, so only nginx -t catches it.
        _manifests.WriteIngress("bad", "bad.example.com", "/dup(?<x>a)(?<x>b)", "api", "ImplementationSpecific",
            new Dictionary<string, string> { ["use-regex"] = "true" });
        await using var controller = await RunningController.StartAsync(_manifests.Path);

        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy despite the bad Ingress");
        using var good = await controller.GetAsync("web.example.com", "/");
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var live = await File.ReadAllTextAsync(controller.LiveConfigPath);
        Assert.That(live, Does.Not.Contain("bad.example.com"), "the rejected Ingress is left out of the live config");

        // Fixing the Ingress brings it back.
        _manifests.WriteIngress("bad", "bad.example.com", "/fixed(a|b)", "api", "ImplementationSpecific",
            new Dictionary<string, string> { ["use-regex"] = "true" });
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync("bad.example.com", "/fixedb");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, "the fixed Ingress is served");
    }

    [Test]
    public async Task Nginx_that_dies_is_started_again()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        await using var controller = await RunningController.StartAsync(_manifests.Path);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(controller.Settings.WorkDirectory, "live", "nginx.pid"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Process.GetProcessById(pid).Kill();

        await RunningController.EventuallyAsync(async () =>
        {
            var current = await File.ReadAllTextAsync(Path.Combine(controller.Settings.WorkDirectory, "live", "nginx.pid"));
            using var response = await controller.GetAsync("web.example.com", "/");
            return current.Trim() != pid.ToString(System.Globalization.CultureInfo.InvariantCulture) && response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "a new nginx serves the config");
        Assert.That(await controller.HealthzAsync(), Is.EqualTo(HttpStatusCode.OK));
    }
}
