using System.Text;
using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>
/// The informers as the controller wires them: a store that keeps only the Secrets and ConfigMaps something names,
/// and a fetcher that reads one back with a GET when an Ingress starts naming it.
/// </summary>
public sealed class NamedObjectFetcherTests : EmulatedClusterTest
{
    private static readonly ResourceInformerOptions Quick = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private static readonly NamedObjectFetcherOptions QuickFetch = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
    };

    [Test]
    public async Task Only_named_Secrets_are_held_and_a_newly_named_one_is_fetched_before_the_store_counts_as_synced()
    {
        Emulator.Apply(IngressWithTls("first", "first-tls"));
        Emulator.Apply(Secret("first-tls", "first"));
        Emulator.Apply(Secret("second-tls", "second"));
        for (var i = 0; i < 20; i++)
        {
            Emulator.Apply(Secret($"sh.helm.release.v1.app-{i}", new string('x', 4096)));
        }
        await using var running = await StartAsync();

        Assert.That(running.Store.Capture().Secrets.Keys.Select(key => key.Name), Is.EqualTo(new[] { "first-tls" }));
        Assert.That(running.Source.UnheldCount, Is.EqualTo(21), "second-tls and the 20 release Secrets are known by key only");

        Emulator.Apply(IngressWithTls("second", "second-tls"));
        await WaitUntilAsync(() => running.Store.Capture().Ingresses.Count == 2 && running.Store.IsSynced, "the new Ingress is stored and its Secret fetched");

        var fetched = running.Store.Capture().Secrets[new ObjectKey("default", "second-tls")];
        Assert.That(Encoding.UTF8.GetString(fetched.Data["tls.crt"]), Is.EqualTo("second"));
        Assert.That(fetched.Kind, Is.EqualTo("Secret"));
        Assert.That(Emulator.Requests.Count(r => r is { Verb: "get", Resource: "secrets", Name: "second-tls" }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_fetch_that_fails_is_retried_until_the_Secret_arrives()
    {
        Emulator.Apply(IngressWithTls("first", "first-tls"));
        Emulator.Apply(Secret("first-tls", "first"));
        Emulator.Apply(Secret("second-tls", "second"));
        await using var running = await StartAsync();

        Emulator.FailNextRequests(3, 500, resource: "secrets");
        Emulator.Apply(IngressWithTls("second", "second-tls"));

        await WaitUntilAsync(() => running.Store.Capture().Secrets.ContainsKey(new ObjectKey("default", "second-tls")), "the Secret is fetched despite the failures");
        Assert.That(running.Fetcher.Fetched, Is.EqualTo(1));
    }

    [Test]
    public async Task A_Secret_edited_while_unheld_is_fetched_as_it_is_now()
    {
        Emulator.Apply(IngressWithTls("first", "first-tls"));
        Emulator.Apply(Secret("first-tls", "first"));
        Emulator.Apply(Secret("second-tls", "old"));
        await using var running = await StartAsync();

        Emulator.Apply(Secret("second-tls", "new"));
        Emulator.Apply(IngressWithTls("second", "second-tls"));

        await WaitUntilAsync(() => running.Store.Capture().Secrets.ContainsKey(new ObjectKey("default", "second-tls")), "the Secret is held");
        var held = running.Store.Capture().Secrets[new ObjectKey("default", "second-tls")];
        Assert.That(Encoding.UTF8.GetString(held.Data["tls.crt"]), Is.EqualTo("new"));
    }

    private async Task<Running> StartAsync()
    {
        var store = new ObjectStore();
        var source = store.AddSource("api", holdsOnlyNamed: true);
        var fetcher = new NamedObjectFetcher(Client, source, QuickFetch);
        var sinks = new ClusterInformerSinks
        {
            Ingresses = new StoreSink<V1Ingress>(source),
            IngressClasses = new StoreSink<V1IngressClass>(source),
            Services = new StoreSink<V1Service>(source),
            EndpointSlices = new StoreSink<V1EndpointSlice>(source),
            Secrets = new StoreSink<V1Secret>(source),
            ConfigMaps = new StoreSink<V1ConfigMap>(source),
        };
        var informers = new ClusterInformers(Client, sinks, watchNamespace: null, Quick);
        var stop = new CancellationTokenSource();
        var run = Task.WhenAll(informers.RunAsync(stop.Token), fetcher.RunAsync(stop.Token));
        await informers.Synced.WaitAsync(Deadline);
        await WaitUntilAsync(() => store.IsSynced, "the store is synced");
        return new Running(store, source, fetcher, stop, run);
    }

    private static V1Ingress IngressWithTls(string name, string secretName)
    {
        var ingress = Ingress(name, host: $"{name}.example.test");
        ingress.Spec.Tls = [new V1IngressTLS { SecretName = secretName, Hosts = [$"{name}.example.test"] }];
        return ingress;
    }

    private static V1Secret Secret(string name, string certificate) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate) },
    };

    private sealed record Running(ObjectStore Store, StoreSource Source, NamedObjectFetcher Fetcher, CancellationTokenSource Stop, Task Run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run.WaitAsync(Deadline);
            Stop.Dispose();
        }
    }
}
