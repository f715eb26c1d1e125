using System.Collections.Immutable;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>The ingress-nginx flags that decide whether and what the leader writes to <c>status.loadBalancer</c>.</summary>
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
    /// <c>--update-status-on-shutdown</c> (default true): the leader clears the addresses when it stops. Unlike
    /// ingress-nginx, which clears only when no other controller pod is running, this clears whenever the leader stops
    /// gracefully: in a rolling update the status stays empty until the next leader's first sync (up to the lease
    /// duration). Multi-replica deployments that feed external-dns should set it to false until a replica check exists.
    /// </summary>
    public bool UpdateStatusOnShutdown { get; init; } = true;

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
