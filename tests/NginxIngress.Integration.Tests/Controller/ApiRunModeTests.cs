using k8s;
using System.Net;
using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.TestKit.ApiServer;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>nginx-ingress run --kubeconfig FILE</c> against the API-server emulator: every input arrives through the API,
/// and traffic through the real nginx follows each change.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ApiRunModeTests
{
    /// <summary>An edit must be served within this long: informer event, 100 ms quiet period, nginx -t, reload, verify.</summary>
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(10);

    private ApiServerEmulator _api = null!;
    private EchoBackend _web = null!;
    private string _kubeconfig = null!;

    [SetUp]
    public async Task StartCluster()
    {
        _api = await ApiServerEmulator.StartAsync();
        _kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("nginx-ingress-kubeconfig-").FullName, "config");
        _api.WriteKubeconfig(_kubeconfig);
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _api.Apply(IngressClasses.Nginx());
        _api.Apply(new ServiceBuilder("web").Port(80, targetPort: _web.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build());
        _api.Apply(new EndpointSliceBuilder("web-1", "web").Port(null, _web.Port).Endpoint(_web.Address.ToString()).Build());
    }

    [TearDown]
    public async Task StopCluster()
    {
        await _web.DisposeAsync();
        await _api.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_kubeconfig)!, recursive: true);
    }

    private Task<RunningController> StartControllerAsync() =>
        RunningController.StartAsync(null, configure: settings => settings with
        {
            Kubeconfig = _kubeconfig,
            Informers = ResourceInformerOptions.Default with { RetryBaseDelay = TimeSpan.FromMilliseconds(100) },
        });

    [Test]
    public async Task Ingresses_created_changed_and_deleted_through_the_api_are_served_accordingly()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        await using var controller = await StartControllerAsync();
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, ServedWithin, "/healthz answers 200");
        await ServedAsync(controller, "web.example.com", "/hello", HttpStatusCode.OK, "the Ingress listed at start");

        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/v2", "Exact", service: "web").Build());
        await ServedAsync(controller, "web.example.com", "/v2", HttpStatusCode.OK, "the changed path");
        await ServedAsync(controller, "web.example.com", "/hello", HttpStatusCode.NotFound, "the old path is gone");

        _api.Apply(new IngressBuilder("second").Class("nginx").Path("second.example.com", "/", service: "web").Build());
        await ServedAsync(controller, "second.example.com", "/", HttpStatusCode.OK, "an Ingress created while running");

        _api.Delete<V1Ingress>("default", "web");
        await ServedAsync(controller, "web.example.com", "/v2", HttpStatusCode.NotFound, "a deleted Ingress");
    }

    [Test]
    public async Task Every_api_call_the_controller_makes_is_one_its_rbac_rules_allow()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        // Without a publish flag, status comes from the controller pod's node; stopping as the last replica clears it.
        _api.Apply(ControllerPods.Node("node-a", ("InternalIP", "10.0.0.1"), ("ExternalIP", "203.0.113.1")));
        _api.Apply(ControllerPods.Pod("controller", "node-a"));
        await using (var controller = await RunningController.StartAsync(null, configure: settings => settings with
        {
            Kubeconfig = _kubeconfig,
            Informers = ResourceInformerOptions.Default with { RetryBaseDelay = TimeSpan.FromMilliseconds(100) },
            ElectionTtl = TimeSpan.FromSeconds(2),
            Status = settings.Status with { ControllerPod = new ObjectKey(ControllerPods.Namespace, "controller") },
        }))
        {
            await ServedAsync(controller, "web.example.com", "/", HttpStatusCode.OK, "the Ingress");
            _api.DropWatches();
            await ServedAsync(controller, "web.example.com", "/", HttpStatusCode.OK, "still, after the watches were dropped");
            await RunningController.EventuallyAsync(() => Task.FromResult(
                _api.Get<V1Ingress>("default", "web")?.Status?.LoadBalancer?.Ingress?.SingleOrDefault()?.Ip == "203.0.113.1"), ServedWithin, "the node's address is published");
        }

        var calls = _api.Requests
            .Where(request => request.Resource is not null)
            .Select(request => (Group: GroupOf(request.Path), Resource: request.Subresource is { } sub ? $"{request.Resource}/{sub}" : request.Resource!, request.Verb))
            .Distinct()
            .ToList();

        Assert.That(calls, Is.Not.Empty);
        Assert.That(calls, Is.SupersetOf(new[] { ("", "pods", "get"), ("", "pods", "list"), ("", "nodes", "get"), ("networking.k8s.io", "ingresses/status", "patch") }),
            "the premise: the status calls were made");
        Assert.That(calls.Where(call => !ApiPermissions.Allows(call.Group, call.Resource, call.Verb)), Is.Empty,
            "calls the ClusterRole would refuse");
    }

    [Test]
    public async Task The_elected_controller_publishes_its_address_in_the_status_of_the_ingresses_it_serves()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        _api.Apply(new IngressBuilder("other").Class("other-class").Path("other.example.com", "/", service: "web").Build());
        await using var controller = await RunningController.StartAsync(null, configure: settings => settings with
        {
            Kubeconfig = _kubeconfig,
            ElectionTtl = TimeSpan.FromSeconds(2),
            Status = settings.Status with { PublishStatusAddresses = ["192.0.2.10"] },
        });

        await RunningController.EventuallyAsync(() => Task.FromResult(
            _api.Get<V1Ingress>("default", "web")?.Status?.LoadBalancer?.Ingress?.SingleOrDefault()?.Ip == "192.0.2.10"), ServedWithin, "the served Ingress's status names the published address");
        Assert.That(_api.Get<V1Lease>("default", "ingress-controller-leader")?.Spec?.HolderIdentity, Is.Not.Null.And.Not.Empty, "the controller holds the Lease");
        Assert.That(_api.Get<V1Ingress>("default", "other")?.Status?.LoadBalancer?.Ingress, Is.Null.Or.Empty, "an Ingress of another class is not touched");
    }

    [Test]
    public async Task An_ingress_with_a_regex_prefix_path_gets_a_warning_event_naming_it_and_the_others_keep_serving()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        // A regex under pathType Prefix on a host without use-regex: ingress-nginx's admission would refuse it.
        _api.Apply(new IngressBuilder("bad").Class("nginx").Path("bad.example.com", "/api(.*)", "Prefix", service: "web").Build());
        await using var controller = await StartControllerAsync();
        await ServedAsync(controller, "web.example.com", "/", HttpStatusCode.OK, "the good Ingress");

        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig));
        IList<Eventsv1Event> recorded = [];
        await RunningController.EventuallyAsync(async () =>
        {
            recorded = (await client.EventsV1.ListNamespacedEventAsync("default")).Items;
            return recorded.Any(e => e.Regarding.Name == "bad" && e.Type == "Warning") && recorded.Any(e => e.Regarding.Name == "web" && e.Reason == "Sync");
        }, ServedWithin, "a Warning Event on the bad Ingress and a Sync Event on the good one");

        var warning = recorded.Single(e => e.Regarding.Name == "bad" && e.Type == "Warning");
        Assert.That(warning.Regarding.Kind, Is.EqualTo("Ingress"));
        Assert.That(warning.Reason, Is.EqualTo("InvalidPath"));
        Assert.That(warning.Note, Does.Contain("spec.rules[0].http.paths[0].path"), "the Event names the field");
        Assert.That(recorded.Where(e => e.Regarding.Name == "bad" && e.Reason == "Sync"), Is.Empty, "the bad Ingress did not go live");
    }

    [Test]
    public async Task An_ingress_deleted_while_the_watches_are_down_stops_being_served_after_the_relist()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        _api.Apply(new IngressBuilder("doomed").Class("nginx").Path("doomed.example.com", "/", service: "web").Build());
        await using var controller = await StartControllerAsync();
        await ServedAsync(controller, "doomed.example.com", "/", HttpStatusCode.OK, "both Ingresses at start");

        // No DELETED event will ever arrive: the watches are down, and the history they would resume from is gone.
        _api.StallWatches(true);
        _api.Delete<V1Ingress>("default", "doomed");
        _api.Compact();
        _api.StallWatches(false);
        _api.DropWatches();

        await ServedAsync(controller, "doomed.example.com", "/", HttpStatusCode.NotFound, "the Ingress deleted during the disconnect");
        await ServedAsync(controller, "web.example.com", "/", HttpStatusCode.OK, "the other Ingress");
    }

    [Test]
    public async Task Nothing_is_rendered_before_every_informer_has_listed_its_kind()
    {
        _api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());
        // The Services informer lags the others by several backoff rounds (0.1 s doubling, jittered).
        _api.FailNextRequests(5, 500, resource: "services");
        await using var controller = await StartControllerAsync();

        (int Count, string? Version) reloads = default;
        await RunningController.EventuallyAsync(async () =>
        {
            reloads = controller.Loop.Reloads;
            using var response = await controller.GetAsync("web.example.com", "/");
            return response.StatusCode == HttpStatusCode.OK && reloads.Version is { } version && await controller.ServedVersionAsync() == version;
        }, TimeSpan.FromSeconds(30), "the Ingress is served with its Service and endpoints, and that reload is counted");
        Assert.That(_api.CountRequests("list", "services"), Is.GreaterThan(5), "the premise: the Services list failed before it succeeded");
        Assert.That(reloads.Count, Is.EqualTo(1), "the first config nginx loaded was the whole cluster, not one without the Service (a 503)");
    }

    /// <summary>"" for /api/v1/…, the group for /apis/{group}/{version}/….</summary>
    private static string GroupOf(string path) => path.StartsWith("/apis/", StringComparison.Ordinal) ? path.Split('/')[2] : "";

    private static async Task ServedAsync(RunningController controller, string host, string path, HttpStatusCode expected, string what) =>
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync(host, path);
            return response.StatusCode == expected;
        }, ServedWithin, $"{what}: {host}{path} answers {(int)expected}");
}
