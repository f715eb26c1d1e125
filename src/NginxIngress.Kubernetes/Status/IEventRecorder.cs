namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Takes Events to publish about objects. <see cref="Record"/> never blocks on I/O and never throws: Events are
/// best effort, and the reconcile loop must not wait for (or fail because of) the API server.
/// </summary>
public interface IEventRecorder
{
    /// <summary>Queues the event, folds it into an earlier identical one, or drops it when over a rate limit.</summary>
    void Record(ObjectEvent objectEvent);
}
