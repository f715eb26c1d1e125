using k8s.Models;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>The six informers as the controller runs them: one scope, one "all synced" gate.</summary>
public sealed class ClusterInformersTests : EmulatedClusterTest
{
    private static readonly ResourceInformerOptions Quick = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly RecordingSink<V1Ingress> _ingresses = new();
    private readonly RecordingSink<V1IngressClass> _classes = new();
    private readonly RecordingSink<V1Service> _services = new();
    private readonly RecordingSink<V1EndpointSlice> _slices = new();
    private readonly RecordingSink<V1Secret> _secrets = new();
    private readonly RecordingSink<V1ConfigMap> _configMaps = new();

    private ClusterInformerSinks Sinks => new()
    {
        Ingresses = _ingresses,
        IngressClasses = _classes,
        Services = _services,
        EndpointSlices = _slices,
        Secrets = _secrets,
        ConfigMaps = _configMaps,
    };

    [Test]
    public async Task A_watch_namespace_narrows_every_kind_but_the_cluster_scoped_IngressClass()
    {
        foreach (var ns in new[] { "apps", "other" })
        {
            var meta = () => new V1ObjectMeta { Name = "x", NamespaceProperty = ns };
            Emulator.Apply(Ingress("x", ns));
            Emulator.Apply(new V1Service { Metadata = meta() });
            Emulator.Apply(new V1EndpointSlice { Metadata = meta(), AddressType = "IPv4", Endpoints = [] });
            Emulator.Apply(new V1Secret { Metadata = meta() });
            Emulator.Apply(new V1ConfigMap { Metadata = meta() });
        }
        Emulator.Apply(new V1IngressClass { Metadata = new V1ObjectMeta { Name = "nginx" } });
        var informers = new ClusterInformers(Client, Sinks, watchNamespace: "apps", Quick);

        using var stop = new CancellationTokenSource();
        var run = informers.RunAsync(stop.Token);
        await informers.Synced.WaitAsync(Deadline);

        Assert.That(informers.HasSynced, Is.True);
        Assert.That(_ingresses.Names, Is.EqualTo(new[] { "apps/x" }));
        Assert.That(_services.Names, Is.EqualTo(new[] { "apps/x" }));
        Assert.That(_slices.Names, Is.EqualTo(new[] { "apps/x" }));
        Assert.That(_secrets.Names, Is.EqualTo(new[] { "apps/x" }));
        Assert.That(_configMaps.Names, Is.EqualTo(new[] { "apps/x" }));
        Assert.That(_classes.Names, Is.EqualTo(new[] { "/nginx" }));
        Assert.That(Emulator.Requests.Where(r => r.Verb == "list").Select(r => r.Resource), Does.Not.Contain("endpoints"), "v1 Endpoints is deprecated");

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }

    [Test]
    public async Task All_synced_waits_for_the_slowest_kind()
    {
        // The Service store takes its first list slowly; the other five kinds are done long before.
        using var release = new ManualResetEventSlim();
        _services.OnCall = call =>
        {
            if (call.Operation == "Replace")
            {
                release.Wait(Deadline);
            }
        };
        var informers = new ClusterInformers(Client, Sinks, watchNamespace: null, Quick);

        using var stop = new CancellationTokenSource();
        var run = informers.RunAsync(stop.Token);
        var others = informers.Informers.Where(informer => informer.Name != "Service").ToList();
        await WaitUntilAsync(() => others.All(informer => informer.HasSynced), "the five fast kinds synced");

        Assert.That(informers.HasSynced, Is.False);
        Assert.That(informers.Synced.IsCompleted, Is.False, "nothing may render while Services are missing");
        release.Set();
        await informers.Synced.WaitAsync(Deadline);
        Assert.That(informers.Informers.Select(informer => informer.Name), Is.EquivalentTo(new[]
        {
            "Ingress", "IngressClass", "Service", "EndpointSlice", "Secret", "ConfigMap",
        }));

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }
}
