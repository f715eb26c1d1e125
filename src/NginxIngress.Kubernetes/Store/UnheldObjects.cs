using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// The Secrets and ConfigMaps a source knows exist but does not hold, because nothing names them: only their keys
/// stay in memory, not their data (a cluster's Helm release Secrets alone can run to gigabytes). When an Ingress
/// starts naming one, its content is <em>wanted</em>: someone must fetch it, and until it arrives the source counts
/// as not synced, so the loop does not render the Ingress as if the Secret were missing. Not thread-safe: the
/// source calls it under the store's lock.
/// </summary>
internal sealed class UnheldObjects
{
    private readonly HashSet<(ObjectKind Kind, ObjectKey Key)> _unheld = [];

    /// <summary>Wanted keys, each with whether it still holds back the sync (it stops after the fetch's grace period).</summary>
    private readonly Dictionary<(ObjectKind Kind, ObjectKey Key), bool> _wanted = [];

    public int Count => _unheld.Count;

    /// <summary>True while some wanted object has neither arrived nor been given up on.</summary>
    public bool HoldBackSync => _wanted.ContainsValue(true);

    /// <summary>Records that the object exists but is not held; any fetch of it in flight is no longer wanted.</summary>
    public void Add(ObjectKind kind, ObjectKey key)
    {
        _unheld.Add((kind, key));
        _wanted.Remove((kind, key));
    }

    /// <summary>The object is held now, or gone: either way nothing needs fetching.</summary>
    public void Remove(ObjectKind kind, ObjectKey key)
    {
        _unheld.Remove((kind, key));
        _wanted.Remove((kind, key));
    }

    /// <summary>Forgets every key of one kind; a full list says again which exist.</summary>
    public void Clear(ObjectKind kind)
    {
        _unheld.RemoveWhere(entry => entry.Kind == kind);
        foreach (var wanted in _wanted.Keys.Where(entry => entry.Kind == kind).ToList())
        {
            _wanted.Remove(wanted);
        }
    }

    /// <summary>Marks an unheld object as wanted; false when it is not one this source knows of.</summary>
    public bool Want(ObjectKind kind, ObjectKey key)
    {
        if (!_unheld.Contains((kind, key)))
        {
            return false;
        }
        _wanted.TryAdd((kind, key), true);
        return true;
    }

    /// <summary>Nothing names it any more: a fetch still in flight is dropped when it lands.</summary>
    public void Unwant(ObjectKind kind, ObjectKey key) => _wanted.Remove((kind, key));

    public bool IsWanted(ObjectKind kind, ObjectKey key) => _wanted.ContainsKey((kind, key));

    /// <summary>Lets the sync go on without it; says whether it was holding the sync back.</summary>
    public bool StopHoldingBack(ObjectKind kind, ObjectKey key)
    {
        if (_wanted.TryGetValue((kind, key), out var holding) && holding)
        {
            _wanted[(kind, key)] = false;
            return true;
        }
        return false;
    }
}
