using k8s.Models;
using NginxIngress.Kubernetes.Status;
using static NginxIngress.TestKit.Objects.ControllerPods;

namespace NginxIngress.Core.Tests.Status;

/// <summary>How the controller finds its other replicas: by its own pod's labels (ingress-nginx status.go).</summary>
public sealed class ControllerReplicasTests
{
    private static IReadOnlyDictionary<string, string> WithRevisionLabels => new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = "ingress-nginx",
        ["pod-template-hash"] = "7d9f8b6c4",
        ["controller-revision-hash"] = "5c8d",
        ["pod-template-generation"] = "3",
        ["app.kubernetes.io/component"] = "controller",
    };

    [Test]
    public void Node_addresses_come_from_pods_with_all_of_the_own_pods_labels_in_key_order()
    {
        var self = Pod("self", "node-a", labels: WithRevisionLabels);

        Assert.That(ControllerReplicas.SameRevisionSelector(self), Is.EqualTo(
            "app.kubernetes.io/component=controller,app.kubernetes.io/name=ingress-nginx,controller-revision-hash=5c8d,pod-template-generation=3,pod-template-hash=7d9f8b6c4"));
    }

    [Test]
    public void The_replica_check_drops_the_revision_labels_so_old_and_new_pods_of_a_rolling_update_both_count()
    {
        var self = Pod("self", "node-a", labels: WithRevisionLabels);

        Assert.That(ControllerReplicas.AnyRevisionSelector(self), Is.EqualTo("app.kubernetes.io/component=controller,app.kubernetes.io/name=ingress-nginx"));
    }

    [Test]
    public void A_pod_without_labels_selects_everything_as_in_ingress_nginx()
    {
        var self = Pod("self", "node-a");
        self.Metadata.Labels = null;

        Assert.That(ControllerReplicas.AnyRevisionSelector(self), Is.Empty);
    }

    private static IEnumerable<TestCaseData> OthersCases()
    {
        yield return new TestCaseData(new[] { Pod("self", "node-a") }, false).SetName("Alone, the pod is the last replica");
        yield return new TestCaseData(Array.Empty<V1Pod>(), false).SetName("An empty list leaves no other replica");
        yield return new TestCaseData(new[] { Pod("self", "node-a"), Pod("other", "node-b") }, true).SetName("Another running pod will take over");
        yield return new TestCaseData(new[] { Pod("self", "node-a"), Pod("other", "node-b", ready: false) }, true).SetName("Another pod not Ready yet still counts");
        yield return new TestCaseData(new[] { Pod("self", "node-a"), Pod("other", null, phase: "Pending", ready: false) }, true).SetName("Another Pending pod still counts");
        yield return new TestCaseData(new[] { Pod("self", "node-a"), Pod("other", "node-b", phase: "Failed", ready: false) }, false).SetName("An evicted Failed pod does not count");
        yield return new TestCaseData(new[] { Pod("self", "node-a"), Pod("other", "node-b", phase: "Succeeded", ready: false) }, false).SetName("A Succeeded pod does not count");
    }

    [TestCaseSource(nameof(OthersCases))]
    public void Other_replicas_are_pods_besides_this_one_that_have_not_finished(V1Pod[] pods, bool expected)
    {
        Assert.That(ControllerReplicas.OthersAlive(pods, "self"), Is.EqualTo(expected));
    }
}
