using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;
using NginxIngress.TestKit.Objects;
using static NginxIngress.TestKit.Objects.ControllerPods;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>
/// What the status writer learns from the controller's own pods, through the real client and the emulator: without a
/// publish flag it publishes their nodes' addresses, and on shutdown only the last replica clears the status.
/// </summary>
public sealed class ControllerPodStatusTests : StatusClusterTest
{
    /// <summary>Short, so the periodic re-sync runs often; the tests wait on its observable effects, never on time.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [SetUp]
    public void CreateServedIngress()
    {
        Emulator.Apply(IngressClasses.Nginx());
        var web = Ingress("web");
        web.Spec.IngressClassName = "nginx";
        Emulator.Apply(web);
    }

    private static IngressStatusOptions Options(string? pod, bool internalIp = false) => new()
    {
        UpdateInterval = Interval,
        ReportNodeInternalIp = internalIp,
        ControllerPod = pod is null ? null : new ObjectKey(Namespace, pod),
    };

    [TestCase(false, "203.0.113.1,203.0.113.2", "203.0.113.1,203.0.113.2,203.0.113.3")]
    [TestCase(true, "10.0.0.1,10.0.0.2", "10.0.0.1,10.0.0.2,10.0.0.3")]
    public async Task Without_publish_flags_status_gets_the_node_addresses_of_the_ready_controller_pods(bool internalIp, string published, string afterThirdReady)
    {
        Emulator.Apply(Node("node-a", ("InternalIP", "10.0.0.1"), ("ExternalIP", "203.0.113.1")));
        Emulator.Apply(Node("node-b", ("InternalIP", "10.0.0.2"), ("ExternalIP", "203.0.113.2")));
        Emulator.Apply(Node("node-c", ("InternalIP", "10.0.0.3"), ("ExternalIP", "203.0.113.3")));
        Emulator.Apply(Node("node-d", ("InternalIP", "10.0.0.4"), ("ExternalIP", "203.0.113.4")));
        Emulator.Apply(Pod("controller-a", "node-a"));
        Emulator.Apply(Pod("controller-b", "node-b"));
        Emulator.Apply(Pod("controller-a2", "node-a"));
        Emulator.Apply(Pod("controller-c", "node-c", ready: false));
        Emulator.Apply(Pod("some-app", "node-d", labels: new Dictionary<string, string> { ["app.kubernetes.io/name"] = "some-app" }));

        await StartReplicaAsync("a", Options("controller-a", internalIp));

        await WaitUntilAsync(() => Published("web") == published, $"the ready controller pods' nodes are published ({published})");
        Emulator.Apply(Pod("controller-c", "node-c"));
        await WaitUntilAsync(() => Published("web") == afterThirdReady, "the node of the pod that became ready is added on a later sync");
    }

    [Test]
    public async Task Without_publish_flags_or_pod_identity_status_is_left_alone_and_the_reason_logged_once()
    {
        var web = Emulator.Get<V1Ingress>("default", "web")!;
        web.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "192.0.2.99" }] } };
        Emulator.Apply(web);
        var replica = await StartReplicaAsync("a", Options(pod: null));

        await WaitUntilAsync(() => replica.IsLeader, "the replica leads");
        // Four renewals later (about a second, five intervals), a writing leader would long since have written.
        var renewals = Emulator.CountRequests("update", "leases");
        await WaitUntilAsync(() => Emulator.CountRequests("update", "leases") >= renewals + 4, "four renewals");

        Assert.That(Published("web"), Is.EqualTo("192.0.2.99"), "what someone else set is kept");
        Assert.That(StatusPatches("web"), Is.EqualTo(0));
        Assert.That(replica.WriterLog.MessagesWith(627), Has.Count.EqualTo(1).And.Some.Contains("POD_NAME"));
        Assert.That(Emulator.Requests.Where(r => r.Resource is "pods" or "nodes"), Is.Empty, "nothing to look the pods up by");
    }

    [Test]
    public async Task A_leader_stopping_while_another_controller_pod_runs_leaves_the_status_and_the_last_replica_clears_it()
    {
        // A rolling update: the old revision's pod and the new one's differ in pod-template-hash.
        Emulator.Apply(Pod("controller-old", "node-a", labels: Labels("old")));
        Emulator.Apply(Pod("controller-new", "node-b", labels: Labels("new")));
        var options = Options(pod: null) with { PublishStatusAddresses = ["192.0.2.1"] };
        var old = await StartReplicaAsync("old", options with { ControllerPod = new ObjectKey(Namespace, "controller-old") });
        await WaitUntilAsync(() => Published("web") == "192.0.2.1", "the first leader publishes");
        var next = await StartReplicaAsync("new", options with { ControllerPod = new ObjectKey(Namespace, "controller-new") });

        await old.StopWriterAsync(Deadline);

        Assert.That(Published("web"), Is.EqualTo("192.0.2.1"), "the new pod still runs: the status is left for it");
        Assert.That(StatusPatches("web"), Is.EqualTo(1), "no clearing write");
        Assert.That(old.WriterLog.MessagesWith(630), Has.Count.EqualTo(1));

        // The old pod is gone once its process has exited; the new one takes the Lease over.
        Emulator.Delete<V1Pod>(Namespace, "controller-old");
        await old.StopElectionAsync(Deadline);
        await TimeUntilAsync(() => next.IsLeader, LeaseDuration + 2 * RetryPeriod + Slack, "the new replica takes over");
        await next.StopWriterAsync(Deadline);

        Assert.That(Published("web"), Is.Empty, "the last replica clears the status");
        Assert.That(StatusPatches("web"), Is.EqualTo(2));
    }

    [Test]
    public async Task Without_pod_identity_the_leader_clears_on_shutdown_and_says_why()
    {
        var replica = await StartReplicaAsync("a", Options(pod: null) with { PublishStatusAddresses = ["192.0.2.1"] });
        await WaitUntilAsync(() => Published("web") == "192.0.2.1", "the address is published");

        await replica.StopWriterAsync(Deadline);

        Assert.That(Published("web"), Is.Empty);
        Assert.That(replica.WriterLog.MessagesWith(631), Has.Count.EqualTo(1));
    }

    private int StatusPatches(string ingress) =>
        Emulator.Requests.Count(r => r.Resource == "ingresses" && r.Subresource == "status" && r.Name == ingress && r.StatusCode < 300);

    private string Published(string ingress) =>
        string.Join(",", (Emulator.Get<V1Ingress>("default", ingress)?.Status?.LoadBalancer?.Ingress ?? []).Select(entry => entry.Ip ?? entry.Hostname));
}
