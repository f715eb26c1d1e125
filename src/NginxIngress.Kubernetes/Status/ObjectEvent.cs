using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// One thing worth telling a user about an object, as <c>kubectl describe</c> shows it: what happened
/// (<paramref name="Reason"/>, CamelCase), what the controller did (<paramref name="Action"/>, e.g. Sync or Reject) and
/// a human <paramref name="Note"/>. Two events with the same subject, type, reason and note are the same occurrence
/// repeated; <see cref="Uid"/> and <see cref="ResourceVersion"/> only pin the object version in <c>regarding</c>.
/// </summary>
public sealed record ObjectEvent(ObjectRef Subject, EventType Type, string Reason, string Action, string Note)
{
    /// <summary>The object's uid, when known, so the Event follows this object and not a later one of the same name.</summary>
    public string? Uid { get; init; }

    /// <summary>The object's resourceVersion the event is about, when known.</summary>
    public string? ResourceVersion { get; init; }
}
