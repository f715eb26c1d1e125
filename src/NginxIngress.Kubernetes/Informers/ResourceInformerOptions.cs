namespace NginxIngress.Kubernetes.Informers;

/// <summary>Timings of the list-and-watch loop. The defaults suit a real API server; tests shrink them.</summary>
public sealed record ResourceInformerOptions
{
    public static ResourceInformerOptions Default { get; } = new();

    /// <summary>LIST page size: large unpaginated lists hit the client's 100 s request timeout (pitfalls 6 and 12).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Each watch asks the server to end it cleanly after a random time in [min, max], so replicas do not
    /// reconnect in lockstep and a watch never relies on lasting forever (pitfalls 1 and 2).
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch with no event for this long (bookmarks count) is presumed half-open and cancelled (pitfall 2).
    /// The API server sends a bookmark about every minute, so a healthy idle watch never trips it.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>First delay of the exponential, jittered backoff after a failed request (pitfall 8).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
