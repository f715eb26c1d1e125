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

    private static IEnumerable<TestCaseData> Others()
    {
        yield return new TestCaseData(new ServiceBuilder("web").Port(81).Build(), true).SetArgDisplayNames("the Service an Ingress routes to");
        yield return new TestCaseData(new ServiceBuilder("unused").Port(81).Build(), false).SetArgDisplayNames("a Service no Ingress names");
        yield return new TestCaseData(new EndpointSliceBuilder("web-1", "web").Port(null, 8080).Endpoint("10.0.0.9").Build(), true).SetArgDisplayNames("an EndpointSlice of that Service");
        yield return new TestCaseData(new EndpointSliceBuilder("unused-1", "unused").Port(null, 8080).Endpoint("10.0.0.9").Build(), false).SetArgDisplayNames("an EndpointSlice of another Service");
        yield return new TestCaseData(Secret("web-tls"), true).SetArgDisplayNames("the Secret of spec.tls");
        yield return new TestCaseData(Secret("someone-elses"), false).SetArgDisplayNames("a Secret no Ingress names");
        yield return new TestCaseData(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "headers", NamespaceProperty = "default" } }, true).SetArgDisplayNames("a ConfigMap an annotation names");
        yield return new TestCaseData(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "nginx-configuration", NamespaceProperty = "ingress-nginx" } }, true).SetArgDisplayNames("the controller's own ConfigMap");
    }

    [TestCaseSource(nameof(Others))]
    public void Only_objects_an_ingress_names_wake_the_loop(object item, bool wakes)
    {
        var store = new ObjectStore();
        store.AlwaysRelevant(new ObjectKey("ingress-nginx", "nginx-configuration"));
        var api = store.AddSource("api");
        var ingress = Ingress("web");
        ingress.Spec.Tls = [new V1IngressTLS { SecretName = "web-tls" }];
        ingress.Metadata.Annotations = new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/custom-headers"] = "default/headers" };
        api.Upsert(ingress);
        var changes = 0;
        store.Changed += () => changes++;

        Upsert(api, item);
        Delete(api, item);

        Assert.That(changes, Is.EqualTo(wakes ? 2 : 0), "its creation and its deletion");
    }

    [Test]
    public void A_service_starts_to_matter_when_an_ingress_names_it_and_stops_when_none_does()
    {
        var store = new ObjectStore();
        var api = store.AddSource("api");
        var changes = 0;
        store.Changed += () => changes++;

        api.Upsert(new ServiceBuilder("later").Port(80).Build());
        api.Upsert(new IngressBuilder("web").Class("nginx").Path("a.example.com", "/", service: "later").Build());
        api.Upsert(new ServiceBuilder("later").Port(81).Build());
        api.Delete(new IngressBuilder("web").Build());
        api.Upsert(new ServiceBuilder("later").Port(82).Build());

        Assert.That(changes, Is.EqualTo(3), "the Ingress, the Service change while named, and the Ingress's deletion");
    }

    [Test]
    public void Endpoints_of_a_service_the_tcp_services_configmap_names_wake_the_loop_though_no_ingress_names_it()
    {
        var store = new ObjectStore();
        store.AlwaysRelevant(new ObjectKey("ingress-nginx", "tcp-services"));
        var api = store.AddSource("api");
        api.Upsert(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "tcp-services", NamespaceProperty = "ingress-nginx" },
            Data = new Dictionary<string, string> { ["5432"] = "db/postgres:5432" },
        });
        var changes = 0;
        store.Changed += () => changes++;

        api.Upsert(new EndpointSliceBuilder("postgres-1", "postgres", "db").Port(null, 5432).Endpoint("10.0.0.9").Build());
        api.Upsert(new EndpointSliceBuilder("other-1", "other", "db").Port(null, 5432).Endpoint("10.0.0.8").Build());
        api.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "tcp-services", NamespaceProperty = "ingress-nginx" } });
        api.Upsert(new EndpointSliceBuilder("postgres-1", "postgres", "db").Port(null, 5432).Endpoint("10.0.0.10").Build());

        Assert.That(changes, Is.EqualTo(2), "the named Service's endpoints and the ConfigMap's change; not another Service's, nor the Service once unnamed");
    }

    private static V1Secret Secret(string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" }, Data = new Dictionary<string, byte[]> { ["k"] = [1] } };

    private static void Upsert(StoreSource source, object item)
    {
        switch (item)
        {
            case V1Service service: source.Upsert(service); break;
            case V1EndpointSlice slice: source.Upsert(slice); break;
            case V1Secret secret: source.Upsert(secret); break;
            case V1ConfigMap configMap: source.Upsert(configMap); break;
            default: throw new ArgumentException(item.GetType().Name);
        }
    }

    private static void Delete(StoreSource source, object item)
    {
        switch (item)
        {
            case V1Service service: source.Delete(service); break;
            case V1EndpointSlice slice: source.Delete(slice); break;
            case V1Secret secret: source.Delete(secret); break;
            case V1ConfigMap configMap: source.Delete(configMap); break;
            default: throw new ArgumentException(item.GetType().Name);
        }
    }
}
