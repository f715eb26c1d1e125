using k8s.Models;
using NginxIngress.Kubernetes.Status;
using static NginxIngress.TestKit.Objects.ControllerPods;

namespace NginxIngress.Core.Tests.Status;

/// <summary>
/// Without a publish flag, the addresses of the nodes the ready controller pods run on (ingress-nginx status.go
/// runningAddresses, k8s GetNodeIPOrName).
/// </summary>
public sealed class NodeAddressBuilderTests
{
    private static readonly Dictionary<string, V1Node> Nodes = new[]
    {
        Node("node-a", ("InternalIP", "10.0.0.1"), ("ExternalIP", "203.0.113.1"), ("Hostname", "node-a")),
        Node("node-b", ("InternalIP", "10.0.0.2"), ("ExternalIP", "203.0.113.2")),
        Node("internal-only", ("Hostname", "internal-only"), ("InternalIP", "10.0.0.3")),
        Node("external-only", ("ExternalIP", "203.0.113.4")),
        Node("dual-stack", ("InternalIP", "10.0.0.5"), ("InternalIP", "fd00::5"), ("ExternalIP", "203.0.113.5"), ("ExternalIP", "2001:db8::5")),
        Node("no-addresses", ("Hostname", "no-addresses")),
    }.ToDictionary(node => node.Metadata.Name);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new[] { Pod("a", "node-a") }, false, "203.0.113.1")
            .SetName("A node's ExternalIP is published rather than its InternalIP");
        yield return new TestCaseData(new[] { Pod("a", "node-a") }, true, "10.0.0.1")
            .SetName("With report-node-internal-ip-address the InternalIP is published");
        yield return new TestCaseData(new[] { Pod("a", "internal-only") }, false, "10.0.0.3")
            .SetName("A node without an ExternalIP publishes its InternalIP");
        yield return new TestCaseData(new[] { Pod("a", "external-only") }, true, "")
            .SetName("With report-node-internal-ip-address a node without an InternalIP publishes nothing");
        yield return new TestCaseData(new[] { Pod("a", "no-addresses") }, false, "")
            .SetName("A node without IPs publishes nothing, not its name");
        yield return new TestCaseData(new[] { Pod("a", "dual-stack") }, false, "2001:db8::5,203.0.113.5")
            .SetName("Every ExternalIP of a dual-stack node is published");
        yield return new TestCaseData(new[] { Pod("a", "dual-stack") }, true, "10.0.0.5,fd00::5")
            .SetName("Every InternalIP of a dual-stack node is published with report-node-internal-ip-address");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", "node-a"), Pod("c", "node-b") }, false, "203.0.113.1,203.0.113.2")
            .SetName("Pods on one node publish it once");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", "node-b", ready: false) }, false, "203.0.113.1")
            .SetName("A pod that is not Ready is skipped");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", "node-b", phase: "Pending", ready: false) }, false, "203.0.113.1")
            .SetName("A Pending pod is skipped");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", "node-b", phase: "Succeeded", ready: true) }, false, "203.0.113.1")
            .SetName("A pod that is not Running is skipped even if marked Ready");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", null) }, false, "203.0.113.1")
            .SetName("A pod not yet scheduled is skipped");
        yield return new TestCaseData(new[] { Pod("a", "node-a"), Pod("b", "deleted-node") }, false, "203.0.113.1")
            .SetName("A node that could not be read contributes nothing");
        yield return new TestCaseData(new[] { Pod("a", "node-a", ready: false) }, false, "")
            .SetName("No ready pod publishes an empty list");
    }

    [TestCaseSource(nameof(Cases))]
    public void Node_addresses_follow_ingress_nginx(V1Pod[] pods, bool useInternalIp, string expected)
    {
        var addresses = NodeAddressBuilder.Build(pods, Nodes, useInternalIp);

        Assert.That(string.Join(",", addresses), Is.EqualTo(expected));
    }

    [Test]
    public void Only_the_nodes_of_ready_running_pods_are_read_each_once()
    {
        var pods = new[] { Pod("a", "node-b"), Pod("b", "node-a"), Pod("c", "node-b"), Pod("d", "node-c", ready: false), Pod("e", "") };

        Assert.That(NodeAddressBuilder.NodesOf(pods), Is.EqualTo(new[] { "node-a", "node-b" }));
    }

    [Test]
    public void A_pod_without_conditions_is_not_ready()
    {
        var pod = Pod("a", "node-a");
        pod.Status.Conditions = null;

        Assert.That(NodeAddressBuilder.IsServing(pod), Is.False);
    }
}
