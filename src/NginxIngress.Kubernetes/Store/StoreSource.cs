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
public sealed class StoreSource
{
    private readonly ObjectStore _store;
    private readonly HashSet<ObjectKind> _unsynced;
    private readonly Dictionary<ObjectKind, ImmutableSortedDictionary<ObjectKey, object>> _objects = [];

    internal StoreSource(ObjectStore store, string name, IReadOnlySet<ObjectKind> kinds)
    {
        _store = store;
        Name = name;
        _unsynced = [.. kinds];
        foreach (var kind in ObjectKinds.All)
        {
            _objects[kind] = ImmutableSortedDictionary<ObjectKey, object>.Empty;
        }
    }

    public string Name { get; }

    /// <summary>True once every kind this source serves has been delivered whole at least once.</summary>
    public bool IsSynced
    {
        get
        {
            lock (_store.Gate)
            {
                return _unsynced.Count == 0;
            }
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
            var changed = SetKind(kind, items.Select(item => (KeyOf(item), (object)item)));
            var firstTime = _unsynced.Remove(kind);
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
            _objects[kind] = objects.Remove(key);
            Index(kind, key, null);
            _store.Written(objects.TryGetValue(key, out var existing) && Matters(kind, key, existing, null));
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
            _store.References.Set(this, key, item as V1Ingress);
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
