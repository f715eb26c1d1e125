namespace NginxIngress.Kubernetes.Informers;

/// <summary>How <see cref="NamedObjectFetcher"/> fetches and retries.</summary>
public sealed record NamedObjectFetcherOptions
{
    public static NamedObjectFetcherOptions Default { get; } = new();

    /// <summary>
    /// How long a failing fetch holds the render back. A new Ingress normally waits one GET for its Secret; when the
    /// API keeps failing, render without it rather than freeze every other change.
    /// </summary>
    public TimeSpan HoldBackSyncFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>GETs in flight at once, so a burst of new Ingresses does not open hundreds of requests.</summary>
    public int Parallelism { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
