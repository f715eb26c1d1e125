using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Holds the latest objects from the sources and hands out immutable snapshots. Sources write; the
/// reconcile loop captures. <see cref="Changed"/> fires after every write so the loop can coalesce them.
/// </summary>
public sealed class ObjectStore
{
    private ClusterSnapshot _current = ClusterSnapshot.Empty;

    /// <summary>False until every source has delivered its first full view: never reconcile on a partial cluster.</summary>
    public bool IsSynced { get; private set; }

    public event Action? Changed;

    public ClusterSnapshot Capture() => Volatile.Read(ref _current);

    /// <summary>Replaces everything at once: a manifest folder is always read whole.</summary>
    public void Replace(ClusterSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        IsSynced = true;
        Changed?.Invoke();
    }
}
