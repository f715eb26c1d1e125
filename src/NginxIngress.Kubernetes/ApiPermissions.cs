namespace NginxIngress.Kubernetes;

/// <summary>
/// Every API call the controller makes, as RBAC rules: the one list the manifests' ClusterRole and Role are written
/// from (a test holds them equal), and which the tests hold the controller's real traffic against. Least privilege:
/// read what the config is made of and what the published addresses come from; write only Ingress status, the
/// leader Lease and Events.
/// </summary>
public static class ApiPermissions
{
    /// <summary>Where a rule is needed: in every watched namespace (a ClusterRole), or only in the controller's own (a Role).</summary>
    public enum Scope
    {
        Cluster,
        ControllerNamespace,
    }

    /// <param name="ApiGroup">"" for the core group.</param>
    /// <param name="Resource">The plural, with "/status" for the status subresource.</param>
    public sealed record Rule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs, Scope Where = Scope.Cluster);

    private static readonly string[] Read = ["get", "list", "watch"];

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new("networking.k8s.io", "ingresses", Read),
        new("networking.k8s.io", "ingresses/status", ["update", "patch"]),
        new("networking.k8s.io", "ingressclasses", Read),
        new("", "services", Read),
        new("discovery.k8s.io", "endpointslices", Read),
        new("", "secrets", Read),
        new("", "configmaps", Read),
        // The node-address fallback and the shutdown check: the controller's own pod and those sharing its labels,
        // in its own namespace only, and the nodes they run on, each read by name.
        new("", "pods", ["get", "list"], Scope.ControllerNamespace),
        new("", "nodes", ["get"]),
        // The election's Lease lives in the controller's namespace (POD_NAMESPACE).
        new("coordination.k8s.io", "leases", ["get", "create", "update"], Scope.ControllerNamespace),
        new("events.k8s.io", "events", ["create", "patch"]),
    ];

    public static bool Allows(string apiGroup, string resource, string verb) =>
        Rules.Any(rule => rule.ApiGroup == apiGroup && rule.Resource == resource && rule.Verbs.Contains(verb));
}
