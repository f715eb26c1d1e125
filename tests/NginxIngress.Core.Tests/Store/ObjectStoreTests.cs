using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Store;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Store;

/// <summary>
/// The store several sources feed: a relist replaces what its source had of the kind, nothing is captured as
/// synced before every source delivered every kind, and only changes the config can see wake the loop.
/// </summary>
public sealed class ObjectStoreTests
{
    private static V1Ingress Ingress(string name, string version = "1", string host = "a.example.com")
    {
        var ingress = new IngressBuilder(name).Class("nginx").Path(host, "/").Build();
        ingress.Metadata.ResourceVersion = version;
        return ingress;
    }

    [Test]
    public void A_relist_replaces_the_kind_so_objects_deleted_during_a_disconnect_are_gone()
    {
        var store = new ObjectStore();
        var api = store.AddSource("api");
        api.Replace([Ingress("kept"), Ingress("deleted-while-disconnected")]);

        api.Replace([Ingress("kept")]);

        Assert.That(store.Capture().Ingresses.Keys.Select(key => key.Name), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public void The_store_is_synced_only_once_every_source_has_delivered_every_kind_it_serves()
    {
        var store = new ObjectStore();
        var api = store.AddSource("api", new HashSet<ObjectKind> { ObjectKind.Ingress, ObjectKind.Service });
        var files = store.AddSource("manifests");

        api.Replace<V1Ingress>([]);
        Assert.That(store.IsSynced, Is.False, "Services not listed yet");
        api.Replace<V1Service>([]);
        Assert.That(store.IsSynced, Is.False, "the manifest folder not read yet");
        files.ReplaceAll(ClusterSnapshot.Empty);

        Assert.That(store.IsSynced, Is.True);
    }

    [Test]
    public void The_first_delivery_wakes_the_loop_even_when_empty()
    {
        var store = new ObjectStore();
        var source = store.AddSource("manifests");
        var changes = 0;
        store.Changed += () => changes++;

        source.ReplaceAll(ClusterSnapshot.Empty);
        source.ReplaceAll(ClusterSnapshot.Empty);

        Assert.That(changes, Is.EqualTo(1), "the first read completes the sync; reading the same again is no change");
    }

    private static IEnumerable<TestCaseData> Invisible()
    {
        yield return new TestCaseData(new Action<V1Ingress>(i => i.Metadata.ResourceVersion = "2")).SetArgDisplayNames("resourceVersion");
        yield return new TestCaseData(new Action<V1Ingress>(i => i.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }] } }))
            .SetArgDisplayNames("status (our own status write)");
        yield return new TestCaseData(new Action<V1Ingress>(i => i.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }])).SetArgDisplayNames("managedFields");
    }

    [TestCaseSource(nameof(Invisible))]
    public void An_update_the_config_cannot_see_is_stored_but_does_not_wake_the_loop(Action<V1Ingress> update)
    {
        var store = new ObjectStore();
        var api = store.AddSource("api");
        api.Replace([Ingress("web")]);
        var changes = 0;
        store.Changed += () => changes++;
        var updated = Ingress("web");
        update(updated);

        api.Upsert(updated);

        Assert.That(changes, Is.Zero);
        Assert.That(store.Capture().Ingresses.Values.Single(), Is.SameAs(updated), "the latest object is what the next capture sees");
    }

    [Test]
    public void An_update_the_config_can_see_wakes_the_loop()
    {
        var store = new ObjectStore();
        var api = store.AddSource("api");
        api.Replace([Ingress("web")]);
        var changes = 0;
        store.Changed += () => changes++;

        api.Upsert(Ingress("web", version: "2", host: "b.example.com"));
        api.Delete(Ingress("web"));
        api.Delete(Ingress("web"));

        Assert.That(changes, Is.EqualTo(2), "the host change and the delete; deleting what is gone is no change");
        Assert.That(store.Capture().Ingresses, Is.Empty);
    }

    [Test]
    public void A_relist_of_one_source_leaves_the_other_sources_objects_alone()
    {
        var store = new ObjectStore();
        var files = store.AddSource("manifests");
        var api = store.AddSource("api");
        files.ReplaceAll(SnapshotBuilder.WithNginxClass(Ingress("from-files")));
        api.Replace([Ingress("from-api")]);

        api.Replace<V1Ingress>([]);

        Assert.That(store.Capture().Ingresses.Keys.Select(key => key.Name), Is.EqualTo(new[] { "from-files" }));
        Assert.That(store.Capture().IngressClasses.Keys, Is.EqualTo(new[] { "nginx" }), "cluster-scoped objects are keyed by name");
    }

    [Test]
    public void Capture_is_the_same_snapshot_until_something_is_written()
    {
        var store = new ObjectStore();
        var api = store.AddSource("api");
        api.Replace([Ingress("web")]);

        var first = store.Capture();
        var again = store.Capture();
        api.Upsert(Ingress("other"));

        Assert.That(again, Is.SameAs(first));
        Assert.That(store.Capture(), Is.Not.SameAs(first));
    }
}
