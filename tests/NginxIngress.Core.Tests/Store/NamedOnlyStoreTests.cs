using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Store;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Store;

/// <summary>
/// The API source holds the data of only the Secrets and ConfigMaps an Ingress or a flag names. The others are
/// known by key; when an Ingress starts naming one, the source asks for its content and does not count as synced
/// until it arrives, so the Ingress is never rendered as if its Secret were missing.
/// </summary>
public sealed class NamedOnlyStoreTests
{
    private static readonly ObjectKey Tls = new("default", "web-tls");
    private static readonly ObjectKey Unnamed = new("default", "helm-release");

    [Test]
    public void Secrets_no_Ingress_names_are_not_held_once_the_Ingresses_are_listed()
    {
        var (store, api, _) = Listed(secretsFirst: false);

        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
        Assert.That(api.UnheldCount, Is.EqualTo(1));
    }

    [Test]
    public void Secrets_listed_before_the_Ingresses_are_let_go_once_the_Ingresses_arrive()
    {
        var (store, api, _) = Listed(secretsFirst: true);

        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
        Assert.That(api.UnheldCount, Is.EqualTo(1));
    }

    [Test]
    public void Changes_to_an_unheld_Secret_neither_wake_the_loop_nor_bring_its_data_back()
    {
        var (store, api, _) = Listed();
        var changes = 0;
        store.Changed += () => changes++;

        api.Upsert(Secret(Unnamed.Name, version: "2"));

        Assert.That(changes, Is.Zero);
        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
    }

    [Test]
    public void An_Ingress_that_starts_naming_an_unheld_Secret_asks_for_it_and_holds_the_render_back_until_it_arrives()
    {
        var (store, api, wanted) = Listed();

        api.Upsert(IngressNaming("second", Unnamed.Name));

        Assert.That(wanted, Is.EqualTo(new[] { (ObjectKind.Secret, Unnamed) }));
        Assert.That(store.IsSynced, Is.False, "rendering now would treat the Secret as missing");

        var changes = 0;
        store.Changed += () => changes++;
        Assert.That(api.Fetched(ObjectKind.Secret, Unnamed, Secret(Unnamed.Name)), Is.True);

        Assert.That(store.IsSynced, Is.True);
        Assert.That(changes, Is.EqualTo(1));
        Assert.That(store.Capture().Secrets.Keys, Is.EquivalentTo(new[] { Tls, Unnamed }));
    }

    [Test]
    public void A_fetch_that_lands_after_a_watch_event_for_the_same_Secret_is_dropped()
    {
        var (store, api, _) = Listed();
        api.Upsert(IngressNaming("second", Unnamed.Name));

        api.Upsert(Secret(Unnamed.Name, version: "3"));
        var landed = api.Fetched(ObjectKind.Secret, Unnamed, Secret(Unnamed.Name, version: "2"));

        Assert.That(landed, Is.False);
        Assert.That(store.Capture().Secrets[Unnamed].Metadata.ResourceVersion, Is.EqualTo("3"));
    }

    [Test]
    public void A_fetch_for_a_Secret_deleted_meanwhile_is_dropped_and_no_longer_holds_the_render_back()
    {
        var (store, api, _) = Listed();
        api.Upsert(IngressNaming("second", Unnamed.Name));

        api.Delete(Secret(Unnamed.Name));

        Assert.That(store.IsSynced, Is.True);
        Assert.That(api.Fetched(ObjectKind.Secret, Unnamed, Secret(Unnamed.Name)), Is.False);
        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
    }

    [Test]
    public void A_Secret_the_API_no_longer_has_stops_holding_the_render_back()
    {
        var (store, api, _) = Listed();
        api.Upsert(IngressNaming("second", Unnamed.Name));

        Assert.That(api.Fetched(ObjectKind.Secret, Unnamed, item: null), Is.True);

        Assert.That(store.IsSynced, Is.True);
        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
    }

    [Test]
    public void A_fetch_that_takes_too_long_stops_holding_the_render_back_but_still_lands_when_it_arrives()
    {
        var (store, api, _) = Listed();
        api.Upsert(IngressNaming("second", Unnamed.Name));

        api.StopHoldingBack(ObjectKind.Secret, Unnamed);
        Assert.That(store.IsSynced, Is.True);

        Assert.That(api.Fetched(ObjectKind.Secret, Unnamed, Secret(Unnamed.Name)), Is.True);
        Assert.That(store.Capture().Secrets.Keys, Does.Contain(Unnamed));
    }

    [Test]
    public void An_Ingress_that_stops_naming_a_Secret_lets_go_of_its_data()
    {
        var (store, api, _) = Listed();

        api.Upsert(IngressNaming("first", secretName: null));

        Assert.That(store.Capture().Secrets, Is.Empty);
        Assert.That(api.UnheldCount, Is.EqualTo(2));
    }

    [Test]
    public void A_Secret_named_by_two_Ingresses_is_kept_while_either_still_names_it()
    {
        var (store, api, wanted) = Listed();
        api.Upsert(IngressNaming("second", Tls.Name));

        api.Delete(IngressNaming("first", Tls.Name));

        Assert.That(store.Capture().Secrets.Keys, Is.EqualTo(new[] { Tls }));
        Assert.That(wanted, Is.Empty, "it never stopped being named, so it was never let go");
    }

    [Test]
    public void A_ConfigMap_a_flag_names_is_held_though_no_Ingress_names_it()
    {
        var store = new ObjectStore();
        var own = new ObjectKey("ingress-nginx", "nginx-configuration");
        store.AlwaysRelevant(own);
        var api = store.AddSource("api", holdsOnlyNamed: true);
        api.Replace<V1Ingress>([]);

        api.Replace([ConfigMap(own), ConfigMap(new ObjectKey("default", "other"))]);

        Assert.That(store.Capture().ConfigMaps.Keys, Is.EqualTo(new[] { own }));
    }

    [Test]
    public void A_source_that_holds_everything_keeps_Secrets_nothing_names()
    {
        var store = new ObjectStore();
        var files = store.AddSource("manifests");
        files.Replace([IngressNaming("first", Tls.Name)]);

        files.Replace([Secret(Tls.Name), Secret(Unnamed.Name)]);

        Assert.That(store.Capture().Secrets.Keys, Is.EquivalentTo(new[] { Tls, Unnamed }));
    }

    /// <summary>A synced API source: one Ingress naming <see cref="Tls"/>, and two Secrets; records every wanted object.</summary>
    private static (ObjectStore Store, StoreSource Api, List<(ObjectKind, ObjectKey)> Wanted) Listed(bool secretsFirst = false)
    {
        var store = new ObjectStore();
        var api = store.AddSource("api", new HashSet<ObjectKind> { ObjectKind.Ingress, ObjectKind.Secret }, holdsOnlyNamed: true);
        var wanted = new List<(ObjectKind, ObjectKey)>();
        api.ContentWanted += (kind, key) => wanted.Add((kind, key));
        void ListIngresses() => api.Replace([IngressNaming("first", Tls.Name)]);
        void ListSecrets() => api.Replace([Secret(Tls.Name), Secret(Unnamed.Name)]);
        if (secretsFirst)
        {
            ListSecrets();
            ListIngresses();
        }
        else
        {
            ListIngresses();
            ListSecrets();
        }
        Assert.That(store.IsSynced, Is.True);
        return (store, api, wanted);
    }

    private static V1Ingress IngressNaming(string name, string? secretName)
    {
        var ingress = new IngressBuilder(name).Class("nginx").Path($"{name}.example.com", "/").Build();
        ingress.Metadata.ResourceVersion = $"{name}-{secretName}";
        if (secretName is not null)
        {
            ingress.Spec.Tls = [new V1IngressTLS { SecretName = secretName, Hosts = [$"{name}.example.com"] }];
        }
        return ingress;
    }

    private static V1Secret Secret(string name, string version = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = version },
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = [1, 2, 3] },
    };

    private static V1ConfigMap ConfigMap(ObjectKey key) =>
        new() { Metadata = new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace, ResourceVersion = "1" } };
}
