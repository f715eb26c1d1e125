using k8s.Models;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// How the controller finds its other replicas: the pods in its namespace that carry its own pod's labels, as
/// ingress-nginx does (internal/ingress/status/status.go). Pure: the writer reads its pod and lists the others.
/// </summary>
public static class ControllerReplicas
{
    /// <summary>
    /// The labels a workload controller stamps on each revision's pods (<c>pod-template-hash</c> by a Deployment,
    /// the other two by a StatefulSet or DaemonSet). ingress-nginx's <c>isRunningMultiplePods</c> drops them, so that in a rolling update the old
    /// revision's pods and the new one's count as one controller.
    /// </summary>
    private static readonly HashSet<string> RevisionLabels = new(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "pod-template-generation",
    };

    /// <summary>
    /// A selector for the pods of the same revision: all of the pod's own labels. ingress-nginx's
    /// <c>runningAddresses</c> takes the node addresses of these pods only.
    /// </summary>
    public static string SameRevisionSelector(V1Pod self) => Selector(self.Metadata?.Labels);

    /// <summary>A selector for the pods of any revision: the pod's own labels without the revision labels.</summary>
    public static string AnyRevisionSelector(V1Pod self) =>
        Selector(self.Metadata?.Labels?.Where(label => !RevisionLabels.Contains(label.Key)));

    /// <summary>
    /// Whether a pod other than <paramref name="selfName"/> is still there to take over: any phase but Succeeded or
    /// Failed. Pending counts (the new pod of a rolling update may not have started yet). A finished pod does not: an
    /// evicted pod stays listed in phase Failed and would otherwise keep the status from ever being cleared, which is
    /// where this departs from ingress-nginx, whose check counts every pod listed.
    /// </summary>
    public static bool OthersAlive(IEnumerable<V1Pod> pods, string selfName) =>
        pods.Any(pod => pod.Metadata?.Name != selfName && pod.Status?.Phase is not ("Succeeded" or "Failed"));

    /// <summary>
    /// <c>k=v,k=v</c> in key order. Label keys and values cannot hold <c>,</c> or <c>=</c> (the API server validates
    /// them), so no escaping is needed. No labels selects every pod in the namespace, as in ingress-nginx.
    /// </summary>
    private static string Selector(IEnumerable<KeyValuePair<string, string>>? labels) =>
        string.Join(",", (labels ?? []).OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));
}
