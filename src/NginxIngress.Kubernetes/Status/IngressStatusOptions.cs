using System.Collections.Immutable;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// The ingress-nginx flags that decide whether and what the leader writes to <c>status.loadBalancer</c>, and the pod
/// the controller runs in, which the node-address fallback and the shutdown check start from.
/// </summary>
public sealed record IngressStatusOptions
{
    public static readonly IngressStatusOptions Default = new();

    /// <summary><c>--update-status</c> (default true): false writes no status at all.</summary>
    public bool UpdateStatus { get; init; } = true;

    /// <summary><c>--publish-status-address</c>: comma-separated IPs or hostnames; when set, it wins over <see cref="PublishService"/>.</summary>
    public ImmutableArray<string> PublishStatusAddresses { get; init; } = [];

    /// <summary><c>--publish-service</c> (<c>namespace/name</c>): the Service whose addresses are published.</summary>
    public ObjectKey? PublishService { get; init; }

    /// <summary><c>--status-update-interval</c> (default 60 s): how often the leader re-checks every Ingress even without a change.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>--update-status-on-shutdown</c> (default true): the leader clears the addresses when it stops, unless another
    /// controller pod is still there to take over (ingress-nginx's <c>isRunningMultiplePods</c>), so a rolling update
    /// does not blank them. Without <see cref="ControllerPod"/> the other pods cannot be found, and it always clears.
    /// </summary>
    public bool UpdateStatusOnShutdown { get; init; } = true;

    /// <summary>
    /// <c>--report-node-internal-ip-address</c> (default false): the node-address fallback publishes the nodes'
    /// InternalIPs instead of their ExternalIPs.
    /// </summary>
    public bool ReportNodeInternalIp { get; init; }

    /// <summary>
    /// The pod this controller runs in (<c>POD_NAMESPACE</c>/<c>POD_NAME</c>, set by the downward API), whose labels
    /// find the other controller pods; null out of cluster, where there are no such pods to find.
    /// </summary>
    public ObjectKey? ControllerPod { get; init; }

    /// <summary>
    /// Neither <c>--publish-status-address</c> nor <c>--publish-service</c>: ingress-nginx then publishes the addresses
    /// of the nodes its ready pods run on.
    /// </summary>
    public bool PublishesNodeAddresses => PublishStatusAddresses.IsDefaultOrEmpty && PublishService is null;

    /// <summary>Reads <c>--publish-status-address</c>'s comma-separated list; blanks are dropped.</summary>
    public static ImmutableArray<string> ParseAddressList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Reads <c>--publish-service</c>'s <c>namespace/name</c>; null when unset or malformed.</summary>
    public static ObjectKey? ParseServiceKey(string? value)
    {
        var parts = value?.Split('/') ?? [];
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? new ObjectKey(ns, name) : null;
    }
}
