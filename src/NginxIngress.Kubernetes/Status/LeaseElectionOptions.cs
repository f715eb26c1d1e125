namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Where and how replicas elect the one that writes Ingress status. Defaults follow ingress-nginx: the Lease is
/// <c>--election-id</c> in the controller's namespace, and <c>--election-ttl</c> (30 s) sets the lease duration, with
/// renew = TTL/2 and retry = TTL/4 (internal/ingress/controller/status.go).
/// </summary>
public sealed record LeaseElectionOptions
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(30);

    /// <summary><c>--election-id</c>: the Lease's name.</summary>
    public string ElectionId { get; init; } = "ingress-controller-leader";

    /// <summary>The Lease's namespace: the controller's own (<c>POD_NAMESPACE</c>), as ingress-nginx does.</summary>
    public required string Namespace { get; init; }

    /// <summary>Unique per process: two replicas with one identity would both believe they lead.</summary>
    public string Identity { get; init; } = NewIdentity();

    /// <summary>How long a holder's lease stays valid after its last renewal; a stopped leader is replaced after about this long.</summary>
    public TimeSpan LeaseDuration { get; init; } = DefaultTtl;

    /// <summary>The leader steps down when it could not renew for this long; must be shorter than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; init; } = DefaultTtl / 2;

    /// <summary>The pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = DefaultTtl / 4;

    /// <summary>The timings ingress-nginx derives from <c>--election-ttl</c>.</summary>
    public static LeaseElectionOptions FromTtl(string @namespace, TimeSpan ttl) => new()
    {
        Namespace = @namespace,
        LeaseDuration = ttl,
        RenewDeadline = ttl / 2,
        RetryPeriod = ttl / 4,
    };

    /// <summary>
    /// The pod name (<c>POD_NAME</c>, else the host name, which is the pod name in a pod) plus a random suffix, so a
    /// restarted process never inherits the lease its predecessor held without renewing it.
    /// </summary>
    public static string NewIdentity()
    {
        var name = Environment.GetEnvironmentVariable("POD_NAME");
        if (string.IsNullOrWhiteSpace(name))
        {
            name = Environment.MachineName;
        }
        return $"{name}_{Guid.NewGuid().ToString("N")[..8]}";
    }
}
