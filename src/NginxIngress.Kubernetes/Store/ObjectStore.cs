using System.Collections.Immutable;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Holds the latest objects from every source and hands out immutable snapshots. Sources write through their
/// <see cref="StoreSource"/>; the reconcile loop captures. <see cref="Changed"/> fires after a write that changed
/// something the config reads, so the loop can coalesce them. Stored without firing it: an update that touches
/// only resourceVersion, managedFields or status (our own status writes among them), and any change to a Service,
/// EndpointSlice, Secret or ConfigMap that no Ingress names (<see cref="ReferenceIndex"/>).
/// </summary>
public sealed class ObjectStore
{
    private readonly List<StoreSource> _sources = [];
    private ClusterSnapshot? _captured = ClusterSnapshot.Empty;

    internal object Gate { get; } = new();

    internal ReferenceIndex References { get; } = new();

    public event Action? Changed;

    /// <summary>False until every source has delivered its first full view: never reconcile on a partial cluster.</summary>
    public bool IsSynced
    {
        get
        {
            lock (Gate)
            {
                return _sources.Count > 0 && _sources.All(source => source.IsSynced);
            }
        }
    }

    /// <summary>
    /// Registers a source that serves <paramref name="kinds"/>; the store is not synced until it has delivered each.
    /// With <paramref name="holdsOnlyNamed"/>, the source keeps the data of only those Secrets and ConfigMaps that an
    /// Ingress or a flag names, and asks for the others' content through <see cref="StoreSource.ContentWanted"/> when
    /// something starts naming them: the API source, whose informers see every Secret of the cluster.
    /// </summary>
    public StoreSource AddSource(string name, IReadOnlySet<ObjectKind>? kinds = null, bool holdsOnlyNamed = false)
    {
        lock (Gate)
        {
            var source = new StoreSource(this, name, kinds ?? ObjectKinds.All, holdsOnlyNamed);
            _sources.Add(source);
            _captured = null;
            return source;
        }
    }

    /// <summary>
    /// A Secret or ConfigMap whose changes matter though no Ingress names it: the controller's own ConfigMap, the
    /// default certificate. Changes to other objects no Ingress names are stored without waking the loop.
    /// </summary>
    public void AlwaysRelevant(ObjectKey secretOrConfigMap)
    {
        lock (Gate)
        {
            if (References.AlwaysRelevant(secretOrConfigMap))
            {
                Named(secretOrConfigMap, true);
            }
        }
    }

    /// <summary>Under <see cref="Gate"/>: a Secret or ConfigMap key became named, or stopped being named, by anything.</summary>
    internal void Named(ObjectKey secretOrConfigMap, bool named)
    {
        foreach (var source in _sources)
        {
            source.NamedChanged(secretOrConfigMap, named);
        }
    }

    /// <summary>The objects as of now. Cheap when nothing changed since the last capture.</summary>
    public ClusterSnapshot Capture()
    {
        lock (Gate)
        {
            return _captured ??= Merge();
        }
    }

    /// <summary>Called by a source under <see cref="Gate"/> after every write.</summary>
    internal void Written(bool changed)
    {
        _captured = null;
        if (changed)
        {
            // Raised under the store's lock: handlers only signal the loop, which captures later, so none waits on it.
            Changed?.Invoke();
        }
    }

    /// <summary>Every source's objects together; where two sources hold the same object, the later-added source wins.</summary>
    private ClusterSnapshot Merge() => new()
    {
        Ingresses = Union<V1Ingress>(ObjectKind.Ingress),
        IngressClasses = Union<V1IngressClass>(ObjectKind.IngressClass)
            .ToImmutableSortedDictionary(entry => entry.Key.Name, entry => entry.Value, StringComparer.Ordinal),
        Services = Union<V1Service>(ObjectKind.Service),
        EndpointSlices = Union<V1EndpointSlice>(ObjectKind.EndpointSlice),
        Secrets = Union<V1Secret>(ObjectKind.Secret),
        ConfigMaps = Union<V1ConfigMap>(ObjectKind.ConfigMap),
    };

    private ImmutableSortedDictionary<ObjectKey, T> Union<T>(ObjectKind kind)
    {
        var union = ImmutableSortedDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var source in _sources)
        {
            foreach (var (key, item) in source.Objects(kind))
            {
                union[key] = (T)item;
            }
        }
        return union.ToImmutable();
    }
}
