namespace NginxIngress.Kubernetes.Informers;

/// <summary>Why an informer opened a new watch or listed again.</summary>
public enum InformerRestart
{
    /// <summary>The watch ended cleanly (its timeout, a proxy, the stream closing); it resumes where it was.</summary>
    Ended,

    /// <summary>No event, not even a bookmark, within the stall timeout: presumed half-open and reconnected.</summary>
    Stalled,

    /// <summary>The watch broke after events had arrived; reconnected at once.</summary>
    Broke,

    /// <summary>A list or watch request failed; retried with backoff.</summary>
    Failed,

    /// <summary>410 Gone: the resourceVersion is older than the server keeps, so everything is listed again.</summary>
    Gone,
}
