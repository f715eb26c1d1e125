using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.TestKit.ApiServer;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// The controller against a misbehaving API server: watches dropped, history compacted (so resumes get 410 and
/// relist), 5% of requests failing. Whatever happened on the way, it must end up serving exactly what
/// <c>nginx-ingress render</c> makes of the final objects. Also measures how fast a new Ingress is served.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ApiConvergenceTests
{
    /// <summary>After the last mutation of a round, the live config must match within this long.</summary>
    private static readonly TimeSpan ConvergesWithin = TimeSpan.FromSeconds(30);

    private ApiServerEmulator _api = null!;
    private EchoBackend[] _pods = [];
    private string _kubeconfig = null!;

    [SetUp]
    public async Task StartCluster()
    {
        _api = await ApiServerEmulator.StartAsync();
        _kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("nginx-ingress-kubeconfig-").FullName, "config");
        _api.WriteKubeconfig(_kubeconfig);
        _pods = [await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "svc", "pod-a"), await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "svc", "pod-b")];
        _api.Apply(IngressClasses.Nginx());
        for (var s = 0; s < 4; s++)
        {
            _api.Apply(new ServiceBuilder($"svc-{s}").Port(80, targetPort: "8080").Build());
            _api.Apply(Slice(s, _pods[s % 2]));
        }
    }

    [TearDown]
    public async Task StopCluster()
    {
        foreach (var pod in _pods)
        {
            await pod.DisposeAsync();
        }
        await _api.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_kubeconfig)!, recursive: true);
    }

    private Task<RunningController> StartControllerAsync() =>
        RunningController.StartAsync(null, configure: settings => settings with
        {
            Kubeconfig = _kubeconfig,
            Informers = ResourceInformerOptions.Default with
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                RetryMaxDelay = TimeSpan.FromSeconds(1),
                MinWatchTimeout = TimeSpan.FromSeconds(5),
                MaxWatchTimeout = TimeSpan.FromSeconds(10),
                StallTimeout = TimeSpan.FromSeconds(5),
            },
        });

    [Test]
    public async Task After_200_mutations_under_dropped_watches_410s_and_failing_requests_nginx_serves_what_render_makes_of_the_final_objects()
    {
        await using var controller = await StartControllerAsync();
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, ConvergesWithin, "healthy");
        var random = new Random(20261201);
        var convergence = new List<double>();
        _api.FailRandomly(0.05, 500);
        try
        {
            for (var round = 0; round < 10; round++)
            {
                for (var i = 0; i < 20; i++)
                {
                    Mutate(random);
                    if (i == 7)
                    {
                        _api.DropWatches();
                    }
                    if (i == 13 && round % 2 == 1)
                    {
                        // Resumes from before this point now get 410 Gone and must relist.
                        _api.Compact();
                        _api.DropWatches();
                    }
                }
                convergence.Add(await ConvergedAfterAsync(controller));
            }
        }
        finally
        {
            _api.FailRandomly(0, 500);
        }

        convergence.Sort();
        TestContext.Out.WriteLine($"Convergence after a round of 20 mutations: p50 {Percentile(convergence, 50):F0} ms, p99 {Percentile(convergence, 99):F0} ms, max {convergence[^1]:F0} ms");
        Assert.That(_api.CountRequests("list", "ingresses"), Is.GreaterThan(1), "the premise: 410s made the informers relist");
    }

    [Test]
    public async Task A_new_ingress_is_served_within_the_bound_every_time()
    {
        await using var controller = await StartControllerAsync();
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, ConvergesWithin, "healthy");
        var took = new List<double>();

        for (var i = 0; i < 100; i++)
        {
            var host = $"new-{i}.example.com";
            var clock = Stopwatch.StartNew();
            _api.Apply(new IngressBuilder($"new-{i}").Class("nginx").Path(host, "/", service: $"svc-{i % 4}").Build());
            await RunningController.EventuallyAsync(async () =>
            {
                using var response = await controller.GetAsync(host, "/");
                return response.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(10), $"Ingress new-{i} is served");
            took.Add(clock.Elapsed.TotalMilliseconds);
        }

        took.Sort();
        TestContext.Out.WriteLine($"Ingress create to first 200: p50 {Percentile(took, 50):F0} ms, p99 {Percentile(took, 99):F0} ms over {took.Count}");
    }

    /// <summary>One random change: an Ingress created, changed or deleted, or a Service's endpoints moved or made unready.</summary>
    private void Mutate(Random random)
    {
        var ingress = $"ing-{random.Next(12)}";
        switch (random.Next(10))
        {
            case < 5:
                var builder = new IngressBuilder(ingress).Class("nginx");
                for (var p = 0; p <= random.Next(3); p++)
                {
                    builder = builder.Path($"{ingress}.example.com", $"/p{random.Next(4)}", random.Next(2) == 0 ? "Prefix" : "Exact", service: $"svc-{random.Next(4)}");
                }
                _api.Apply(builder.Build());
                break;
            case < 7:
                _api.Delete<V1Ingress>("default", ingress);
                break;
            default:
                var service = random.Next(4);
                _api.Apply(Slice(service, _pods[random.Next(2)], ready: random.Next(4) != 0));
                break;
        }
    }

    /// <summary>Waits until nginx serves what render makes of the API's objects now; returns how long that took.</summary>
    private async Task<double> ConvergedAfterAsync(RunningController controller)
    {
        var clock = Stopwatch.StartNew();
        var expected = ConfigPipeline.Run(await ListEverythingAsync(), controller.Settings.Controller, controller.Settings.Nginx).Rendered;
        await RunningController.EventuallyAsync(async () => await controller.ServedVersionAsync() == expected.Version, ConvergesWithin,
            "nginx serves the config render makes of the final objects");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The cluster as the API lists it, through a client of its own (and without the injected failures' luck).</summary>
    private async Task<ClusterSnapshot> ListEverythingAsync()
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig));
        async Task<T> Retry<T>(Func<Task<T>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call();
                }
                catch (k8s.Autorest.HttpOperationException) when (attempt < 20)
                {
                    // An injected failure; ask again.
                }
            }
        }
        var ingresses = await Retry(() => client.NetworkingV1.ListIngressForAllNamespacesAsync());
        var classes = await Retry(() => client.NetworkingV1.ListIngressClassAsync());
        var services = await Retry(() => client.CoreV1.ListServiceForAllNamespacesAsync());
        var slices = await Retry(() => client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync());
        return new ClusterSnapshot
        {
            Ingresses = ingresses.Items.ToImmutableSortedDictionary(i => new ObjectKey(i.Namespace(), i.Name()), i => i),
            IngressClasses = classes.Items.ToImmutableSortedDictionary(c => c.Name(), c => c, StringComparer.Ordinal),
            Services = services.Items.ToImmutableSortedDictionary(s => new ObjectKey(s.Namespace(), s.Name()), s => s),
            EndpointSlices = slices.Items.ToImmutableSortedDictionary(s => new ObjectKey(s.Namespace(), s.Name()), s => s),
        };
    }

    private static V1EndpointSlice Slice(int service, EchoBackend pod, bool ready = true)
    {
        var slice = new EndpointSliceBuilder($"svc-{service}-1", $"svc-{service}").Port(null, pod.Port).Endpoint(pod.Address.ToString(), ready).Build();
        return slice;
    }

    private static double Percentile(List<double> sorted, int percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
}
