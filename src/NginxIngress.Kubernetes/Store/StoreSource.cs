using System.Collections.Immutable;
using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// One source's view of the cluster inside an <see cref="ObjectStore"/>: the manifest folder, or the API
/// informers. Each source writes only its own view, so a relist of one kind by one source replaces exactly
/// what that source had of the kind. The source is synced once every kind it serves has been delivered whole.
/// </summary>
/// <remarks>
/// A source that holds only named objects keeps, once its Ingresses are listed, just the keys of the Secrets and
/// ConfigMaps nothing names (<see cref="UnheldObjects"/>). When an Ingress starts naming one, it raises
/// <see cref="ContentWanted"/>, and whoever fetches the object hands it back through <see cref="Fetched"/>; until then,
/// or until the fetcher gives up waiting (<see cref="StopHoldingBack"/>), the source does not count as synced.
/// </remarks>
public sealed class StoreSource
{
    /// <summary>The kinds a source that holds only named objects may leave unheld.</summary>
    private static readonly ObjectKind[] NamedKinds = [ObjectKind.Secret, ObjectKind.ConfigMap];

    private readonly ObjectStore _store;
    private readonly HashSet<ObjectKind> _unsynced;
    private readonly Dictionary<ObjectKind, ImmutableSortedDictionary<ObjectKey, object>> _objects = [];
    private readonly bool _holdsOnlyNamed;
    private readonly UnheldObjects _unheld = new();

    internal StoreSource(ObjectStore store, string name, IReadOnlySet<ObjectKind> kinds, bool holdsOnlyNamed)
    {
        _store = store;
        Name = name;
        _holdsOnlyNamed = holdsOnlyNamed;
        _unsynced = [.. kinds];
        foreach (var kind in ObjectKinds.All)
        {
            _objects[kind] = ImmutableSortedDictionary<ObjectKey, object>.Empty;
        }
    }

    public string Name { get; }

    /// <summary>
    /// An unheld Secret or ConfigMap that something now names: its content must be fetched and handed to
    /// <see cref="Fetched"/>. Raised under the store's lock, so a handler must only queue the work.
    /// </summary>
    public event Action<ObjectKind, ObjectKey>? ContentWanted;

    /// <summary>
    /// True once every kind this source serves has been delivered whole at least once, and no object something
    /// started naming is still being fetched.
    /// </summary>
    public bool IsSynced
    {
        get
        {
            lock (_store.Gate)
            {
                return _unsynced.Count == 0 && !_unheld.HoldBackSync;
            }
        }
    }

    /// <summary>How many Secrets and ConfigMaps this source knows of without holding their data.</summary>
    public int UnheldCount
    {
        get
        {
            lock (_store.Gate)
            {
                return _unheld.Count;
            }
        }
    }

    /// <summary>Whether the object's content is still wanted: a fetcher keeps retrying only while it is.</summary>
    public bool IsWanted(ObjectKind kind, ObjectKey key)
    {
        lock (_store.Gate)
        {
            return _unheld.IsWanted(kind, key);
        }
    }

    internal ImmutableSortedDictionary<ObjectKey, object> Objects(ObjectKind kind) => _objects[kind];

    /// <summary>Replaces every kind at once: a manifest folder is always read whole.</summary>
    public void ReplaceAll(ClusterSnapshot snapshot)
    {
        lock (_store.Gate)
        {
            // Ingresses first: what they name decides whether the other kinds' changes matter.
            var changed = false;
            changed |= SetKind(ObjectKind.Ingress, snapshot.Ingresses.Select(entry => (entry.Key, (object)entry.Value)));
            changed |= SetKind(ObjectKind.IngressClass, snapshot.IngressClasses.Select(entry => (new ObjectKey("", entry.Key), (object)entry.Value)));
            changed |= SetKind(ObjectKind.Service, snapshot.Services.Select(entry => (entry.Key, (object)entry.Value)));
            changed |= SetKind(ObjectKind.EndpointSlice, snapshot.EndpointSlices.Select(entry => (entry.Key, (object)entry.Value)));
            changed |= SetKind(ObjectKind.Secret, snapshot.Secrets.Select(entry => (entry.Key, (object)entry.Value)));
            changed |= SetKind(ObjectKind.ConfigMap, snapshot.ConfigMaps.Select(entry => (entry.Key, (object)entry.Value)));
            // The first delivery counts as a change even when empty: it may be what completes the store's sync.
            var firstTime = _unsynced.Count > 0;
            _unsynced.Clear();
            _store.Written(changed || firstTime);
        }
    }

    /// <summary>
    /// Everything this source has of one kind, from a complete list: objects missing from it are gone, including
    /// any deleted while a watch was down (no DELETED event ever arrives for those).
    /// </summary>
    public void Replace<T>(IEnumerable<T> items)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = ObjectKinds.Of<T>();
        lock (_store.Gate)
        {
            var entries = items.Select(item => (KeyOf(item), (object)item));
            if (HoldsOnlyNamed(kind))
            {
                // The list says afresh which exist; a fetch in flight for one it lacks is moot, for one it has too.
                _unheld.Clear(kind);
                entries = entries.Where(entry => Holds(kind, entry.Item1)).ToList();
            }
            var changed = SetKind(kind, entries);
            var firstTime = _unsynced.Remove(kind);
            if (firstTime && kind == ObjectKind.Ingress)
            {
                ReleaseUnnamed();
            }
            _store.Written(changed || firstTime);
        }
    }

    public void Upsert<T>(T item)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = ObjectKinds.Of<T>();
        var key = KeyOf(item);
        lock (_store.Gate)
        {
            if (!Holds(kind, key))
            {
                // Nothing names it, so nothing the config reads changed; drop the data it may have held till now.
                _objects[kind] = _objects[kind].Remove(key);
                _store.Written(false);
                return;
            }
            var objects = _objects[kind];
            var existing = objects.GetValueOrDefault(key);
            Index(kind, key, item);
            // Relevance first: it is a lookup, while comparing content serializes both objects.
            var changed = Matters(kind, key, existing, item) && (existing is null || !SameContent(existing, item));
            // Stored even when nothing the config reads changed, so whoever captures next sees the latest object.
            _objects[kind] = objects.SetItem(key, item);
            _store.Written(changed);
        }
    }

    public void Delete<T>(T item)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = ObjectKinds.Of<T>();
        lock (_store.Gate)
        {
            var objects = _objects[kind];
            var key = KeyOf(item);
            _unheld.Remove(kind, key);
            _objects[kind] = objects.Remove(key);
            Index(kind, key, null);
            _store.Written(objects.TryGetValue(key, out var existing) && Matters(kind, key, existing, null));
        }
    }

    /// <summary>
    /// The fetched content of a wanted object, or null when the API no longer has it. Dropped (false) unless still
    /// wanted: a watch event, a relist or an Ingress that stopped naming it has settled the object since.
    /// </summary>
    public bool Fetched(ObjectKind kind, ObjectKey key, IKubernetesObject<V1ObjectMeta>? item)
    {
        if (item is not null && ObjectKinds.Of(item.GetType()) != kind)
        {
            throw new ArgumentException($"a {item.GetType().Name} is not a {kind}", nameof(item));
        }
        lock (_store.Gate)
        {
            if (!_unheld.IsWanted(kind, key))
            {
                return false;
            }
            _unheld.Remove(kind, key);
            if (item is not null)
            {
                _objects[kind] = _objects[kind].SetItem(key, item);
            }
            _store.Written(true);
            return true;
        }
    }

    /// <summary>
    /// The fetch of a wanted object is taking too long (the API is failing): render without it rather than hold
    /// every other change back. It stays wanted, so a late fetch still lands.
    /// </summary>
    public void StopHoldingBack(ObjectKind kind, ObjectKey key)
    {
        lock (_store.Gate)
        {
            if (_unheld.StopHoldingBack(kind, key))
            {
                _store.Written(true);
            }
        }
    }

    /// <summary>Under the store's lock: some Ingress or flag started naming a Secret or ConfigMap key, or stopped.</summary>
    internal void NamedChanged(ObjectKey key, bool named)
    {
        if (!_holdsOnlyNamed)
        {
            return;
        }
        foreach (var kind in NamedKinds)
        {
            if (named)
            {
                if (_unheld.Want(kind, key))
                {
                    ContentWanted?.Invoke(kind, key);
                }
            }
            else if (HoldsOnlyNamed(kind) && _objects[kind].ContainsKey(key))
            {
                _objects[kind] = _objects[kind].Remove(key);
                _unheld.Add(kind, key);
            }
            else
            {
                _unheld.Unwant(kind, key);
            }
        }
    }

    /// <summary>
    /// Whether this source keeps only the named objects of <paramref name="kind"/> now: not before its Ingresses are
    /// listed, since until then nothing can tell which are named.
    /// </summary>
    private bool HoldsOnlyNamed(ObjectKind kind) =>
        _holdsOnlyNamed && kind is (ObjectKind.Secret or ObjectKind.ConfigMap) && !_unsynced.Contains(ObjectKind.Ingress);

    /// <summary>Whether to keep this object's data; when not, records it as unheld.</summary>
    private bool Holds(ObjectKind kind, ObjectKey key)
    {
        if (!HoldsOnlyNamed(kind) || _store.References.IsNamed(key))
        {
            _unheld.Remove(kind, key);
            return true;
        }
        _unheld.Add(kind, key);
        return false;
    }

    /// <summary>The Ingresses are listed: let go of the data of every Secret and ConfigMap none of them names.</summary>
    private void ReleaseUnnamed()
    {
        foreach (var kind in NamedKinds.Where(HoldsOnlyNamed))
        {
            foreach (var (key, _) in _objects[kind].Where(entry => !_store.References.IsNamed(entry.Key)))
            {
                _objects[kind] = _objects[kind].Remove(key);
                _unheld.Add(kind, key);
            }
        }
    }

    /// <summary>Sets one kind to exactly <paramref name="items"/>; says whether anything the config reads changed.</summary>
    private bool SetKind(ObjectKind kind, IEnumerable<(ObjectKey Key, object Item)> items)
    {
        var before = _objects[kind];
        var after = items.ToImmutableSortedDictionary(entry => entry.Key, entry => entry.Item);
        _objects[kind] = after;
        foreach (var (key, _) in before.Where(entry => !after.ContainsKey(entry.Key)))
        {
            Index(kind, key, null);
        }
        foreach (var (key, item) in after)
        {
            Index(kind, key, item);
        }
        return before.Any(entry => !after.ContainsKey(entry.Key) && Matters(kind, entry.Key, entry.Value, null))
            || after.Any(entry => Matters(kind, entry.Key, before.GetValueOrDefault(entry.Key), entry.Value)
                && (!before.TryGetValue(entry.Key, out var old) || !SameContent(old, entry.Value)));
    }

    private void Index(ObjectKind kind, ObjectKey key, object? item)
    {
        if (kind == ObjectKind.Ingress)
        {
            _store.References.Set(this, key, item as V1Ingress, _store.Named);
        }
        else if (kind == ObjectKind.ConfigMap)
        {
            _store.References.SetConfigMap(this, key, item as V1ConfigMap);
        }
    }

    /// <summary>Whether a change from <paramref name="before"/> to <paramref name="after"/> (either may be absent) can change the config.</summary>
    private bool Matters(ObjectKind kind, ObjectKey key, object? before, object? after) =>
        (before is not null && _store.References.Matters(kind, key, before)) || (after is not null && _store.References.Matters(kind, key, after));

    /// <summary>
    /// Whether the config would read the two alike. The cheap answers first: the manifest loader hands back the same
    /// instance for an unchanged file, and the API gives an unchanged object the same resourceVersion.
    /// </summary>
    private static bool SameContent(object old, object item) =>
        ReferenceEquals(old, item)
        || (old is IMetadata<V1ObjectMeta> { Metadata.ResourceVersion: { Length: > 0 } version } && item is IMetadata<V1ObjectMeta> { Metadata.ResourceVersion: var newVersion } && version == newVersion)
        || ObjectContent.Of(old) == ObjectContent.Of(item);

    /// <summary>Namespaced objects by namespace/name; cluster-scoped ones (IngressClass) by name, with an empty namespace.</summary>
    private static ObjectKey KeyOf(IKubernetesObject<V1ObjectMeta> item) =>
        new(item is V1IngressClass ? "" : item.Namespace() ?? "default", item.Name());
}
