using System.Collections.Immutable;
using k8s.Models;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Which Events one reconcile deserves, as data: a Warning per problem, on the object it is about, naming the
/// field; and a Normal <c>Sync</c> for each Ingress that changed and whose config went live, in ingress-nginx's
/// words ("Scheduled for sync"). Pure, so the reconcile loop decides and the recorder only writes.
/// </summary>
public static class IngressEventPolicy
{
    public const string SyncReason = "Sync";

    /// <summary>ingress-nginx's note for an Ingress it picked up, kept verbatim for users who grep for it.</summary>
    public const string SyncNote = "Scheduled for sync";

    /// <summary>Action of a problem that keeps (part of) the object out of the config.</summary>
    public const string RejectAction = "Reject";

    /// <summary>
    /// Ingresses of <paramref name="after"/> that are new or differ from <paramref name="before"/> in what the
    /// config can see (status and resourceVersion do not count, so our own status writes are no change).
    /// <paramref name="before"/> is the snapshot that last went live, or null when nothing has yet.
    /// </summary>
    public static ImmutableArray<ObjectKey> Changed(ClusterSnapshot? before, ClusterSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changed = ImmutableArray.CreateBuilder<ObjectKey>();
        foreach (var (key, ingress) in after.Ingresses)
        {
            if (before is null || !before.Ingresses.TryGetValue(key, out var old))
            {
                changed.Add(key);
            }
            else if (!ReferenceEquals(old, ingress)
                && (old.Metadata?.ResourceVersion != ingress.Metadata?.ResourceVersion || old.Metadata?.ResourceVersion is null))
            {
                // A new resourceVersion is often only a status write; compare content to be sure.
                if (ObjectContent.Of(old) != ObjectContent.Of(ingress))
                {
                    changed.Add(key);
                }
            }
        }
        return changed.ToImmutable();
    }

    /// <summary>
    /// The Events for the <paramref name="problems"/> of one reconcile and the Ingresses of <paramref name="wentLive"/>
    /// (changed, and now served). An Ingress with an Error problem gets no Sync: it was left out, not synced.
    /// </summary>
    public static ImmutableArray<ObjectEvent> EventsFor(ClusterSnapshot snapshot, IEnumerable<Problem> problems, IEnumerable<ObjectKey> wentLive)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(wentLive);
        var events = ImmutableArray.CreateBuilder<ObjectEvent>();
        var rejected = new HashSet<ObjectRef>();
        foreach (var problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                rejected.Add(problem.Subject);
            }
            var note = problem.Field.Length == 0 ? problem.Message : $"{problem.Field}: {problem.Message}";
            var action = problem.Severity == ProblemSeverity.Error ? RejectAction : SyncReason;
            events.Add(Pinned(new ObjectEvent(problem.Subject, EventType.Warning, problem.Reason, action, note), MetadataOf(snapshot, problem.Subject)));
        }
        foreach (var key in wentLive.Distinct().Order())
        {
            var subject = ObjectRef.Ingress(key);
            if (snapshot.Ingresses.TryGetValue(key, out var ingress) && !rejected.Contains(subject))
            {
                events.Add(Pinned(new ObjectEvent(subject, EventType.Normal, SyncReason, SyncReason, SyncNote), ingress.Metadata));
            }
        }
        return events.ToImmutable();
    }

    private static ObjectEvent Pinned(ObjectEvent objectEvent, V1ObjectMeta? metadata) =>
        metadata is null ? objectEvent : objectEvent with { Uid = metadata.Uid, ResourceVersion = metadata.ResourceVersion };

    private static V1ObjectMeta? MetadataOf(ClusterSnapshot snapshot, ObjectRef subject) => subject.Kind switch
    {
        "Ingress" => snapshot.Ingresses.GetValueOrDefault(subject.Key)?.Metadata,
        "IngressClass" => snapshot.IngressClasses.GetValueOrDefault(subject.Name)?.Metadata,
        "Service" => snapshot.Services.GetValueOrDefault(subject.Key)?.Metadata,
        "Secret" => snapshot.Secrets.GetValueOrDefault(subject.Key)?.Metadata,
        "ConfigMap" => snapshot.ConfigMaps.GetValueOrDefault(subject.Key)?.Metadata,
        "EndpointSlice" => snapshot.EndpointSlices.GetValueOrDefault(subject.Key)?.Metadata,
        _ => null,
    };
}
