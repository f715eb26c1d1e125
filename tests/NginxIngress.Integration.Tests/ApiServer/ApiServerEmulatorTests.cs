using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace NginxIngress.Integration.Tests.ApiServer;

/// <summary>Request/response verbs of the emulator, driven by the real KubernetesClient.</summary>
public sealed class ApiServerEmulatorTests : EmulatedClusterTest
{
    [Test]
    public async Task Create_get_replace_delete_round_trip_sets_server_fields()
    {
        var created = await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");

        Assert.That(created.Metadata.Uid, Is.Not.Empty);
        Assert.That(created.Metadata.CreationTimestamp, Is.Not.Null);
        Assert.That(created.Metadata.Generation, Is.EqualTo(1));
        Assert.That(long.Parse(created.Metadata.ResourceVersion), Is.EqualTo(Emulator.ResourceVersion));

        var fetched = await Client.NetworkingV1.ReadNamespacedIngressAsync("web", "default");
        Assert.That(fetched.Metadata.ResourceVersion, Is.EqualTo(created.Metadata.ResourceVersion));
        Assert.That(fetched.Spec.Rules.Single().Host, Is.EqualTo("example.test"));

        fetched.Spec.Rules.Single().Host = "changed.test";
        var replaced = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(fetched, "web", "default");
        Assert.That(long.Parse(replaced.Metadata.ResourceVersion), Is.GreaterThan(long.Parse(created.Metadata.ResourceVersion)));
        Assert.That(replaced.Metadata.Generation, Is.EqualTo(2));
        Assert.That(replaced.Metadata.Uid, Is.EqualTo(created.Metadata.Uid));

        var labelled = replaced;
        labelled.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
        var relabelled = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(labelled, "web", "default");
        Assert.That(relabelled.Metadata.Generation, Is.EqualTo(2), "only a spec change moves generation");

        await Client.NetworkingV1.DeleteNamespacedIngressAsync("web", "default");
        var missing = Assert.ThrowsAsync<HttpOperationException>(() => Client.NetworkingV1.ReadNamespacedIngressAsync("web", "default"));
        Assert.That(missing!.Response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missing.Response.Content, Does.Contain("\"kind\":\"Status\"").And.Contain("\"reason\":\"NotFound\""));
    }

    [Test]
    public async Task Creating_an_existing_object_is_a_409_AlreadyExists()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");

        var error = Assert.ThrowsAsync<HttpOperationException>(() => Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default"));

        Assert.That(error!.Response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error.Response.Content, Does.Contain("\"reason\":\"AlreadyExists\""));
    }

    [Test]
    public async Task Replacing_a_lease_with_a_stale_resourceVersion_is_a_409_Conflict()
    {
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } };
        var created = await Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, "kube-system");
        created.Spec.HolderIdentity = "b";
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", "kube-system");

        created.Spec.HolderIdentity = "c";
        var error = Assert.ThrowsAsync<HttpOperationException>(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", "kube-system"));

        Assert.That(error!.Response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error.Response.Content, Does.Contain("\"reason\":\"Conflict\""));
        Assert.That(Emulator.Get<V1Lease>("kube-system", "leader")!.Spec.HolderIdentity, Is.EqualTo("b"));
    }

    [Test]
    public async Task Creating_without_a_name_is_a_422_Invalid()
    {
        var error = Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, "default"));

        Assert.That((int)error!.Response.StatusCode, Is.EqualTo(422));
        Assert.That(error.Response.Content, Does.Contain("\"reason\":\"Invalid\""));
    }

    [Test]
    public async Task List_pages_with_limit_and_continue_read_one_consistent_snapshot()
    {
        for (var i = 0; i < 5; i++)
        {
            Emulator.Apply(Ingress($"web-{i}"));
        }

        var first = await Client.NetworkingV1.ListIngressForAllNamespacesAsync(limit: 2);
        Emulator.Delete<V1Ingress>("default", "web-3");
        Emulator.Apply(Ingress("web-9"));
        var second = await Client.NetworkingV1.ListIngressForAllNamespacesAsync(limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var third = await Client.NetworkingV1.ListIngressForAllNamespacesAsync(limit: 2, continueParameter: second.Metadata.ContinueProperty);

        var names = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Metadata.Name);
        Assert.That(names, Is.EqualTo(new[] { "web-0", "web-1", "web-2", "web-3", "web-4" }));
        Assert.That(first.Metadata.RemainingItemCount, Is.EqualTo(3));
        Assert.That(second.Metadata.ResourceVersion, Is.EqualTo(first.Metadata.ResourceVersion));
        Assert.That(third.Metadata.ContinueProperty, Is.Null.Or.Empty);

        var fresh = await Client.NetworkingV1.ListIngressForAllNamespacesAsync();
        Assert.That(fresh.Items.Select(i => i.Metadata.Name), Does.Contain("web-9").And.Not.Contain("web-3"));
    }

    [Test]
    public async Task List_items_carry_no_kind_and_the_list_carries_the_latest_resourceVersion()
    {
        Emulator.Apply(Ingress("web"));
        Emulator.Apply(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "unrelated", NamespaceProperty = "default" } });

        var list = await Client.NetworkingV1.ListNamespacedIngressAsync("default");

        Assert.That(list.Kind, Is.EqualTo("IngressList"));
        Assert.That(list.Items.Single().Kind, Is.Null);
        Assert.That(list.Items.Single().ApiVersion, Is.Null);
        Assert.That(list.Metadata.ResourceVersion, Is.EqualTo(Emulator.ResourceVersion.ToString()));
    }

    [Test]
    public async Task List_filters_by_label_selector()
    {
        Emulator.Apply(Ingress("a", labels: new Dictionary<string, string> { ["tier"] = "edge" }));
        Emulator.Apply(Ingress("b", labels: new Dictionary<string, string> { ["tier"] = "core" }));

        var list = await Client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: "tier=edge");

        Assert.That(list.Items.Select(i => i.Metadata.Name), Is.EqualTo(new[] { "a" }));
    }
}
