namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// One Event as written (or about to be) and how often it has occurred since. Mutable; guarded by the recorder's
/// lock. <see cref="Count"/> 1 means no series yet, as in the events.k8s.io API where a series starts at 2.
/// </summary>
internal sealed class EventSeries(ObjectEvent objectEvent, string name, string ns, DateTimeOffset first)
{
    public ObjectEvent Event { get; } = objectEvent;

    public string Name { get; } = name;

    public string Namespace { get; } = ns;

    public DateTimeOffset First { get; } = first;

    public DateTimeOffset Last { get; set; } = first;

    public int Count { get; set; } = 1;

    /// <summary>The Count the API last accepted; a series update is only worth sending when Count has moved past it.</summary>
    public int WrittenCount { get; set; }

    /// <summary>A series update is queued; more repeats before it is sent ride along with it.</summary>
    public bool UpdateQueued { get; set; }

    /// <summary>The Event was never created or is gone; repeats must start a new one rather than update this.</summary>
    public bool Abandoned { get; set; }
}
