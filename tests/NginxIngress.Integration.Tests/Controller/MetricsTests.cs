using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NginxIngress.Controller.Hosting;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Nginx.Runtime;
using NginxIngress.TestKit.ApiServer;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>/metrics</c> on the healthz port, scraped as Prometheus would: ingress-nginx's reload metrics, under its names
/// and static labels, follow what nginx really serves.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class MetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ManifestFolder _manifests = null!;
    private EchoBackend _web = null!;

    [SetUp]
    public async Task StartBackend()
    {
        _manifests = new ManifestFolder();
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _manifests.WriteService("web", new IPEndPoint(_web.Address, _web.Port));
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
    }

    [TearDown]
    public async Task StopBackend()
    {
        await _web.DisposeAsync();
        _manifests.Dispose();
    }

    [Test]
    public async Task Metrics_report_each_verified_reload_and_the_hash_of_the_config_nginx_serves()
    {
        await using var controller = await StartHealthyAsync();

        var first = await controller.MetricsAsync();
        var firstVersion = controller.Loop.Reloads.Version!;
        _manifests.WriteIngress("api", "api.example.com", "/", "web");
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Reloads.Count == 2), Patience, "the edit is live");
        var second = await controller.MetricsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Value(first, "nginx_ingress_controller_config_last_reload_successful"), Is.EqualTo(1));
            Assert.That(Value(first, "nginx_ingress_controller_success"), Is.EqualTo(1));
            Assert.That(Value(first, "nginx_ingress_controller_errors"), Is.Zero);
            Assert.That(Value(first, "nginx_ingress_controller_config_hash"), Is.EqualTo(HashOf(firstVersion)));
            Assert.That(Value(second, "nginx_ingress_controller_success"), Is.EqualTo(2));
            Assert.That(Value(second, "nginx_ingress_controller_config_hash"), Is.EqualTo(HashOf(controller.Loop.Reloads.Version!)).And.Not.EqualTo(HashOf(firstVersion)));
            Assert.That(Value(second, "nginx_ingress_controller_config_last_reload_successful_timestamp_seconds"),
                Is.GreaterThanOrEqualTo(Value(first, "nginx_ingress_controller_config_last_reload_successful_timestamp_seconds")));
            Assert.That(Value(second, "nginx_ingress_controller_sync_duration_seconds_count"), Is.GreaterThanOrEqualTo(2));
            Assert.That(Value(second, "nginx_ingress_controller_validation_duration_seconds_count"), Is.EqualTo(2), "one validation per new config");
            Assert.That(Value(second, "nginx_ingress_controller_nginx_test_runs", "scope=\"full\""), Is.EqualTo(1), "the first config is checked whole");
            Assert.That(Value(second, "nginx_ingress_controller_nginx_test_runs", "scope=\"changed\""), Is.EqualTo(1),
                "the new host is checked without the hosts nginx already serves; no Ingress was bisected out");
            Assert.That(second, Does.Contain("controller_class=\"k8s.io/ingress-nginx\""), "ingress-nginx's static labels, which its dashboards select on");
            Assert.That(Value(second, "nginx_ingress_controller_render_duration_seconds_count"), Is.GreaterThanOrEqualTo(2), "at least one render per new config");
            Assert.That(Value(second, "nginx_ingress_controller_coalesced_events"), Is.GreaterThanOrEqualTo(0));
            Assert.That(Value(second, "nginx_ingress_controller_nginx_worker_generations"), Is.InRange(1, 3), "the current workers, and at most the two configs before");
            Assert.That(Value(second, "nginx_ingress_controller_reload_wait_seconds_count"), Is.Zero, "two reloads stay within the bound of four generations");
            Assert.That(Value(second, "nginx_ingress_controller_reload_wait_timeouts"), Is.Zero);
        });
    }

    [Test]
    public async Task A_request_held_through_reloads_keeps_its_generation_counted_and_a_reload_past_the_bound_waits_for_it()
    {
        await using var slow = HoldingBackend.Start(LoopbackAddresses.Next());
        _manifests.WriteService("slow", slow.EndPoint);
        _manifests.WriteIngress("slow", "slow.example.com", "/", "slow");
        await using var controller = await StartHealthyAsync(settings => settings with
        {
            ReloadGate = ReloadGateOptions.Default with { MaxGenerations = 2, MaxWait = TimeSpan.FromSeconds(1) },
        });
        var generations = async () => Value(await controller.MetricsAsync(), "nginx_ingress_controller_nginx_worker_generations");
        await RunningController.EventuallyAsync(async () => await generations() == 1, Patience, "one generation after start");

        // A slow request on the first generation's workers, then a reload: those workers drain while it is held.
        // Its own client: the controller kit's gives up after 5 s, which would end the request and let the workers go.
        using var patient = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var download = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{controller.Settings.Nginx.HttpPort}/download");
        download.Headers.Host = "slow.example.com";
        var held = patient.SendAsync(download);
        await RunningController.EventuallyAsync(() => Task.FromResult(slow.Held == 1), Patience, "the request reached the backend");
        await ApplyAsync(controller, "first-edit");
        await RunningController.EventuallyAsync(async () => await generations() == 2, Patience, "the draining generation and the current one");

        // Two are alive, the bound: the next reload waits for the old one, gives up after a second, and reloads anyway.
        await ApplyAsync(controller, "second-edit");
        var afterBound = await controller.MetricsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(Value(afterBound, "nginx_ingress_controller_reload_wait_seconds_count"), Is.EqualTo(1));
            Assert.That(Value(afterBound, "nginx_ingress_controller_reload_wait_timeouts"), Is.EqualTo(1), "the held request outlasted the maximum wait");
            Assert.That(Value(afterBound, "nginx_ingress_controller_reload_wait_seconds_sum"), Is.GreaterThan(0));
        });

        slow.ReleaseAll();
        using var response = await held;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old generation finished the request it held");
        await RunningController.EventuallyAsync(async () => await generations() == 1, Patience, "the old generation exits once its request is done");
    }

    [Test]
    public async Task Informer_410s_and_events_folded_into_one_reconcile_are_counted()
    {
        await using var api = await ApiServerEmulator.StartAsync();
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("nginx-ingress-kubeconfig-").FullName, "config");
        api.WriteKubeconfig(kubeconfig);
        api.Apply(IngressClasses.Nginx());
        api.Apply(new ServiceBuilder("web").Port(80, targetPort: "8080").Build());
        api.Apply(new EndpointSliceBuilder("web-1", "web").Port(null, _web.Port).Endpoint(_web.Address.ToString(), true).Build());
        await using var controller = await RunningController.StartAsync(null, configure: settings => settings with
        {
            Kubeconfig = kubeconfig,
            Informers = ResourceInformerOptions.Default with { RetryBaseDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromSeconds(1) },
        });
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");
        var before = await controller.MetricsAsync();

        // Ten Ingresses at once: ten watch events, ten change notifications, far fewer reconciles.
        for (var i = 0; i < 10; i++)
        {
            api.Apply(new IngressBuilder($"burst-{i}").Class("nginx").Path($"burst-{i}.example.com", "/", service: "web").Build());
        }
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync("burst-9.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, "the burst is served");

        // The watch misses a change, the history is compacted, the connection drops: the resume gets 410 Gone.
        api.StallWatches(true);
        api.Apply(new IngressBuilder("missed").Class("nginx").Path("missed.example.com", "/", service: "web").Build());
        api.Compact();
        api.DropWatches();
        await RunningController.EventuallyAsync(async () => GoneRelists(await controller.MetricsAsync()) >= 1, Patience, "the Ingress informer's 410 is counted");
        api.StallWatches(false);
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync("missed.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, "the relist brought the missed Ingress");
        var after = await controller.MetricsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(GoneRelists(before), Is.Zero);
            Assert.That(Value(after, "nginx_ingress_controller_coalesced_events") - Value(before, "nginx_ingress_controller_coalesced_events"),
                Is.GreaterThan(0), "the burst's notifications were folded together");
            Assert.That(Value(after, "nginx_ingress_controller_success") - Value(before, "nginx_ingress_controller_success"),
                Is.LessThan(10), "fewer reloads than Ingresses");
        });
        Directory.Delete(Path.GetDirectoryName(kubeconfig)!, recursive: true);
    }

    /// <summary>410s the Ingress informer answered with a full list; 0 before the first.</summary>
    private static double GoneRelists(string exposition) =>
        Regex.IsMatch(exposition, "^nginx_ingress_controller_informer_restarts\\{[^}]*kind=\"Ingress\",reason=\"gone\"", RegexOptions.Multiline)
            ? Value(exposition, "nginx_ingress_controller_informer_restarts", "kind=\"Ingress\",reason=\"gone\"")
            : 0;

    /// <summary>Writes an Ingress for <paramref name="name"/> and waits until nginx serves it, so a reload is done.</summary>
    private async Task ApplyAsync(RunningController controller, string name)
    {
        _manifests.WriteIngress(name, $"{name}.example.com", "/", "web");
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync($"{name}.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, $"{name} is served");
    }

    [Test]
    public async Task Problems_are_counted_by_reason_until_they_are_fixed()
    {
        _manifests.WriteIngress("bad", "bad.example.com", "/", "web", annotations: new Dictionary<string, string> { ["proxy-body-size"] = "huge" });
        await using var controller = await StartHealthyAsync();

        var reported = await controller.MetricsAsync();
        _manifests.WriteIngress("bad", "bad.example.com", "/", "web", annotations: new Dictionary<string, string> { ["proxy-body-size"] = "8m" });
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.ReportedProblems.IsEmpty), Patience, "the fixed Ingress reports nothing");
        var fixedUp = await controller.MetricsAsync();

        Assert.That(Value(reported, "nginx_ingress_controller_problems", "severity=\"Error\",reason=\"InvalidAnnotation\""), Is.EqualTo(1));
        Assert.That(Value(fixedUp, "nginx_ingress_controller_problems", "severity=\"Error\",reason=\"InvalidAnnotation\""), Is.Zero);
    }

    private async Task<RunningController> StartHealthyAsync(Func<RunSettings, RunSettings>? configure = null)
    {
        var controller = await RunningController.StartAsync(_manifests.Path, configure: configure);
        try
        {
            await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sample of a metric whose labels hold <paramref name="labels"/> (besides the static ones).</summary>
    private static double Value(string exposition, string metric, string? labels = null)
    {
        var own = labels is null ? "" : $"[^}}]*{Regex.Escape(labels)}";
        var match = Regex.Match(exposition, $@"^{Regex.Escape(metric)}(?:\{{{own}[^}}]*\}})? (?<value>\S+)$", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, $"{metric} in:\n{exposition}");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    private static double HashOf(string version) => long.Parse(version.AsSpan(0, 13), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
