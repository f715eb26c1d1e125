using k8s.Models;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// Controller pods and the nodes they run on, as a Deployment and the kubelets would leave them: what the status
/// writer's node-address fallback and its shutdown check read.
/// </summary>
public static class ControllerPods
{
    public const string Namespace = "ingress-nginx";

    /// <summary>The labels of the chart's controller pods, with the Deployment's revision hash.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string revision = "7d9f8b6c4") => new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = "ingress-nginx",
        ["app.kubernetes.io/component"] = "controller",
        ["pod-template-hash"] = revision,
    };

    /// <param name="labels">Null gives <see cref="Labels"/> of the default revision.</param>
    public static V1Pod Pod(string name, string? node, string phase = "Running", bool ready = true, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string>(labels ?? Labels()) },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "controller", Image = "nginx-ingress" }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    /// <param name="addresses">Type (ExternalIP, InternalIP, Hostname) and address, in the order the kubelet reports them.</param>
    public static V1Node Node(string name, params (string Type, string Address)[] addresses) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NodeStatus
        {
            Addresses = [.. addresses.Select(address => new V1NodeAddress { Type = address.Type, Address = address.Address })],
        },
    };
}
