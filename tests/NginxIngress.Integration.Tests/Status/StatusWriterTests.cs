using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>
/// The leader keeps status.loadBalancer.ingress of served Ingresses equal to the published addresses, through the real
/// client and the emulator's status subresource. Each replica has its own client, informers and store.
/// </summary>
public sealed class StatusWriterTests : StatusClusterTest
{
    private static readonly ObjectKey PublishService = new("ingress-nginx", "ingress-nginx-controller");

    /// <summary>Short, so the periodic re-sync runs often; the tests wait on its observable effects, never on time.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static IngressStatusOptions Addresses(string list) => new()
    {
        PublishStatusAddresses = IngressStatusOptions.ParseAddressList(list),
        UpdateInterval = Interval,
    };

    private static IngressStatusOptions FromService => new() { PublishService = PublishService, UpdateInterval = Interval };

    [SetUp]
    public void CreateServedClass() => Emulator.Apply(IngressClasses.Nginx());

    [Test]
    public async Task Only_the_leader_writes_status_and_unchanged_addresses_cause_no_further_write()
    {
        // The replicas publish different Services, so a writing follower would show, and the two would fight.
        ApplyPublishService(clusterIp: "10.96.0.10");
        ApplyPublishService(clusterIp: "10.96.0.20", name: "other-controller");
        Emulator.Apply(Served("web"));
        var a = await StartReplicaAsync("a", FromService);
        var b = await StartReplicaAsync("b", FromService with { PublishService = PublishService with { Name = "other-controller" } });
        await TimeUntilAsync(() => a.IsLeader || b.IsLeader, LeaseDuration + Slack, "a leader elected");
        var (leader, follower, address) = a.IsLeader ? (a, b, "10.96.0.10") : (b, a, "10.96.0.20");

        await WaitUntilAsync(() => Published("web") == address, "the leader publishes its Service's ClusterIP");
        // Each sync reads the publish Service once: let the replicas run ten more syncs over the unchanged cluster.
        var reads = ServiceReads;
        await WaitUntilAsync(() => ServiceReads >= reads + 10, "ten more syncs");

        Assert.That(leader.IsLeader, Is.True, "leadership moved during the test");
        Assert.That(Published("web"), Is.EqualTo(address));
        Assert.That(StatusPatches("web"), Is.EqualTo(1), "writes in the emulator's log");
        Assert.That(leader.StatusWrites, Is.EqualTo(1));
        Assert.That(follower.StatusWrites, Is.EqualTo(0));
    }

    [Test]
    public async Task Status_gets_the_publish_status_address_list_ips_first()
    {
        Emulator.Apply(Served("web"));

        await StartReplicaAsync("a", Addresses("lb.example.com, 192.0.2.1"));

        await WaitUntilAsync(() => Published("web") == "192.0.2.1,lb.example.com", "the listed addresses are published");
        var entries = Emulator.Get<V1Ingress>("default", "web")!.Status.LoadBalancer.Ingress;
        Assert.That(entries.Select(entry => (entry.Ip, entry.Hostname)), Is.EqualTo(new (string?, string?)[] { ("192.0.2.1", null), (null, "lb.example.com") }));
    }

    [Test]
    public async Task Publish_service_addresses_are_its_load_balancer_then_external_ips_then_cluster_ip()
    {
        Emulator.Apply(Served("web"));
        ApplyPublishService(clusterIp: "10.96.0.10");
        await StartReplicaAsync("a", FromService);
        await WaitUntilAsync(() => Published("web") == "10.96.0.10", "the ClusterIP is published");

        ApplyPublishService(clusterIp: "10.96.0.10", externalIps: ["198.51.100.1"]);
        await WaitUntilAsync(() => Published("web") == "198.51.100.1", "the external IP replaces the ClusterIP");

        ApplyPublishService(clusterIp: "10.96.0.10", type: "LoadBalancer", loadBalancer: [new V1LoadBalancerIngress { Ip = "203.0.113.7" }, new V1LoadBalancerIngress { Hostname = "lb.example.com" }]);
        await WaitUntilAsync(() => Published("web") == "203.0.113.7,lb.example.com", "the load balancer's addresses are published");
    }

    [Test]
    public async Task An_Ingress_of_another_class_is_not_touched()
    {
        Emulator.Apply(IngressClasses.Create("traefik", "traefik.io/ingress-controller"));
        var foreign = Ingress("foreign");
        foreign.Spec.IngressClassName = "traefik";
        Emulator.Apply(foreign);
        Emulator.Apply(Served("web"));
        ApplyPublishService(clusterIp: "10.96.0.10");
        await StartReplicaAsync("a", FromService);

        await WaitUntilAsync(() => Published("web") == "10.96.0.10", "the served Ingress is published");
        var reads = ServiceReads;
        await WaitUntilAsync(() => ServiceReads >= reads + 5, "five more syncs");

        Assert.That(Published("foreign"), Is.Empty);
        Assert.That(StatusPatches("foreign"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_new_served_Ingress_gets_its_status_on_the_store_change_without_waiting_for_the_interval()
    {
        Emulator.Apply(Served("first"));
        var options = Addresses("192.0.2.1") with { UpdateInterval = TimeSpan.FromMinutes(10) };
        await StartReplicaAsync("a", options);
        await WaitUntilAsync(() => Published("first") == "192.0.2.1", "the first Ingress is published on election");

        Emulator.Apply(Served("second"));

        // The deadline (10 s) is far below the interval (10 min): only the store's change can have triggered this.
        await WaitUntilAsync(() => Published("second") == "192.0.2.1", "the new Ingress is published");
    }

    [Test]
    public async Task Update_status_false_writes_nothing_even_as_leader()
    {
        Emulator.Apply(Served("web"));
        var replica = await StartReplicaAsync("a", Addresses("192.0.2.1") with { UpdateStatus = false });

        await WaitUntilAsync(() => replica.IsLeader, "the replica leads");
        // Four renewals later (about a second), a writing leader would long since have written.
        var renewals = Emulator.CountRequests("update", "leases");
        await WaitUntilAsync(() => Emulator.CountRequests("update", "leases") >= renewals + 4, "four renewals");

        Assert.That(StatusPatches("web"), Is.EqualTo(0));
        Assert.That(Published("web"), Is.Empty);
    }

    [TestCase(true, "")]
    [TestCase(false, "192.0.2.1")]
    public async Task Shutdown_clears_the_written_addresses_only_when_configured(bool clearOnShutdown, string left)
    {
        Emulator.Apply(Served("web"));
        var replica = await StartReplicaAsync("a", Addresses("192.0.2.1") with { UpdateStatusOnShutdown = clearOnShutdown });
        await WaitUntilAsync(() => Published("web") == "192.0.2.1", "the address is published");

        await replica.StopWriterAsync(Deadline);

        Assert.That(Published("web"), Is.EqualTo(left));
        Assert.That(StatusPatches("web"), Is.EqualTo(clearOnShutdown ? 2 : 1));
    }

    [Test]
    public async Task A_follower_that_takes_over_keeps_the_status_without_rewriting_it()
    {
        Emulator.Apply(Served("web"));
        var options = Addresses("192.0.2.1") with { UpdateStatusOnShutdown = false };
        var a = await StartReplicaAsync("a", options);
        await WaitUntilAsync(() => Published("web") == "192.0.2.1", "a publishes");
        var b = await StartReplicaAsync("b", options);

        await a.StopWriterAsync(Deadline);
        await a.StopElectionAsync(Deadline);
        await TimeUntilAsync(() => b.IsLeader, LeaseDuration + 2 * RetryPeriod + Slack, "b takes over");
        var reads = Emulator.CountRequests("update", "leases");
        await WaitUntilAsync(() => Emulator.CountRequests("update", "leases") >= reads + 4, "b renews four times");

        Assert.That(b.StatusWrites, Is.EqualTo(0), "b found the status already right");
        Assert.That(Published("web"), Is.EqualTo("192.0.2.1"));
    }

    private int ServiceReads => Emulator.Requests.Count(r => r.Verb == "get" && r.Resource == "services");

    private int StatusPatches(string ingress) =>
        Emulator.Requests.Count(r => r.Resource == "ingresses" && r.Subresource == "status" && r.Name == ingress && r.StatusCode < 300);

    private string Published(string ingress) =>
        string.Join(",", (Emulator.Get<V1Ingress>("default", ingress)?.Status?.LoadBalancer?.Ingress ?? []).Select(entry => entry.Ip ?? entry.Hostname));

    private static V1Ingress Served(string name)
    {
        var ingress = Ingress(name);
        ingress.Spec.IngressClassName = "nginx";
        return ingress;
    }

    private void ApplyPublishService(string clusterIp, string type = "ClusterIP", string[]? externalIps = null, V1LoadBalancerIngress[]? loadBalancer = null, string? name = null) =>
        Emulator.Apply(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name ?? PublishService.Name, NamespaceProperty = PublishService.Namespace },
            Spec = new V1ServiceSpec { Type = type, ClusterIP = clusterIp, ExternalIPs = externalIps },
            Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = loadBalancer } },
        });
}
