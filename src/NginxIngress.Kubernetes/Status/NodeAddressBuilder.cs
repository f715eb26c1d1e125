using k8s.Models;
using NginxIngress.Core.Collections;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// The addresses published when neither <c>--publish-status-address</c> nor <c>--publish-service</c> is given: those of
/// the nodes the ready controller pods run on, as ingress-nginx's <c>runningAddresses</c> (internal/ingress/status/status.go)
/// and <c>GetNodeIPOrName</c> (internal/k8s/main.go) choose them. Pure: the writer lists the pods and reads the nodes.
/// </summary>
/// <remarks>
/// Every address of the chosen type is published, not only the first, so a dual-stack node gives both its IPv4 and
/// IPv6 address (kubernetes/ingress-nginx#14049). A node that has none of the chosen type publishes nothing: despite
/// its name, <c>GetNodeIPOrName</c> never falls back to the node's name.
/// </remarks>
public static class NodeAddressBuilder
{
    /// <summary>
    /// A pod whose node counts: Running and Ready. A pod that is Running but not Ready (starting, or failing its
    /// readiness probe) would send clients to an nginx that is not serving yet.
    /// </summary>
    public static bool IsServing(V1Pod pod) =>
        pod.Status?.Phase == "Running"
        && (pod.Status.Conditions ?? []).Any(condition => condition.Type == "Ready" && condition.Status == "True");

    /// <summary>The nodes to read: those of the serving pods, each once, in name order.</summary>
    public static IReadOnlyList<string> NodesOf(IEnumerable<V1Pod> pods) =>
        pods.Where(IsServing)
            .Select(pod => pod.Spec?.NodeName)
            .OfType<string>()
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The addresses of the serving pods' nodes. <paramref name="nodes"/> holds the nodes that could be read, by name;
    /// one missing from it (deleted since its pod was listed) contributes nothing.
    /// </summary>
    public static EquatableArray<PublishedAddress> Build(IEnumerable<V1Pod> pods, IReadOnlyDictionary<string, V1Node> nodes, bool useInternalIp) =>
        PublishedAddressBuilder.Canonical(NodesOf(pods)
            .SelectMany(name => nodes.TryGetValue(name, out var node) ? AddressesOf(node, useInternalIp) : [])
            .Select(PublishedAddress.Parse));

    /// <summary>
    /// One node's addresses: its ExternalIPs, else its InternalIPs; with <c>--report-node-internal-ip-address</c> its
    /// InternalIPs only, with no fallback to the external ones (as ingress-nginx: the flag asks for internal addresses).
    /// </summary>
    public static IReadOnlyList<string> AddressesOf(V1Node node, bool useInternalIp)
    {
        var addresses = node.Status?.Addresses ?? [];
        var internalIps = OfType(addresses, "InternalIP");
        if (useInternalIp)
        {
            return internalIps;
        }
        var externalIps = OfType(addresses, "ExternalIP");
        return externalIps.Count > 0 ? externalIps : internalIps;
    }

    private static List<string> OfType(IEnumerable<V1NodeAddress> addresses, string type) =>
        addresses.Where(address => address.Type == type && !string.IsNullOrWhiteSpace(address.Address))
            .Select(address => address.Address)
            .ToList();
}
