using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Which Services, Secrets and ConfigMaps some Ingress names (and which Services the TCP and UDP services
/// ConfigMaps name), kept up to date as Ingresses and ConfigMaps are written, so the
/// store can tell whether a change to one of them can change the config. Not thread-safe: the store calls it
/// under its lock.
/// </summary>
internal sealed class ReferenceIndex
{
    private readonly Dictionary<(StoreSource Source, ObjectKey Ingress), IngressReferences> _byIngress = [];
    private readonly Dictionary<ObjectKey, int> _services = [];
    private readonly Dictionary<ObjectKey, int> _secretsOrConfigMaps = [];
    private readonly HashSet<ObjectKey> _alwaysRelevant = [];
    private readonly Dictionary<(StoreSource Source, ObjectKey ConfigMap), IReadOnlySet<ObjectKey>> _servicesByConfigMap = [];

    /// <summary>
    /// Secrets and ConfigMaps the controller reads whatever the Ingresses say (--configmap, --default-ssl-certificate).
    /// True when the key was not named before.
    /// </summary>
    public bool AlwaysRelevant(ObjectKey key) => _alwaysRelevant.Add(key) && !_secretsOrConfigMaps.ContainsKey(key);

    /// <summary>Whether a Secret or ConfigMap with this key is read: some Ingress or a flag names it.</summary>
    public bool IsNamed(ObjectKey key) => _secretsOrConfigMaps.ContainsKey(key) || _alwaysRelevant.Contains(key);

    /// <summary>
    /// Records what <paramref name="ingress"/> names now (null when it was deleted), and tells <paramref name="named"/>
    /// about each Secret or ConfigMap key that this makes named (true) or no longer named (false).
    /// </summary>
    public void Set(StoreSource source, ObjectKey key, V1Ingress? ingress, Action<ObjectKey, bool> named)
    {
        // Counted up before down, so a key the old and new version both name never looks unnamed in between.
        var old = _byIngress.Remove((source, key), out var previous) ? previous : null;
        if (ingress is not null)
        {
            var references = IngressReferences.Of(ingress);
            _byIngress[(source, key)] = references;
            Count(_services, references.Services, +1);
            Count(_secretsOrConfigMaps, references.SecretsOrConfigMaps, +1, NamedNow);
        }
        if (old is not null)
        {
            Count(_services, old.Services, -1);
            Count(_secretsOrConfigMaps, old.SecretsOrConfigMaps, -1, NoLongerNamed);
        }

        void NamedNow(ObjectKey secretOrConfigMap)
        {
            if (!_alwaysRelevant.Contains(secretOrConfigMap))
            {
                named(secretOrConfigMap, true);
            }
        }

        void NoLongerNamed(ObjectKey secretOrConfigMap)
        {
            if (!_alwaysRelevant.Contains(secretOrConfigMap))
            {
                named(secretOrConfigMap, false);
            }
        }
    }

    /// <summary>
    /// Records the Services that a ConfigMap a flag names (<c>--tcp-services-configmap</c>, <c>--udp-services-configmap</c>)
    /// lists as TCP or UDP backends; null when it was deleted. Other ConfigMaps name no Services.
    /// </summary>
    public void SetConfigMap(StoreSource source, ObjectKey key, V1ConfigMap? configMap)
    {
        var old = _servicesByConfigMap.Remove((source, key), out var previous) ? previous : null;
        if (configMap is not null && _alwaysRelevant.Contains(key))
        {
            var services = Core.Streams.StreamServicesParser.ServicesNamed(configMap.Data);
            _servicesByConfigMap[(source, key)] = services;
            Count(_services, services, +1);
        }
        if (old is not null)
        {
            Count(_services, old, -1);
        }
    }

    /// <summary>Whether a change to <paramref name="item"/> can change the config.</summary>
    public bool Matters(ObjectKind kind, ObjectKey key, object item) => kind switch
    {
        ObjectKind.Service => _services.ContainsKey(key),
        ObjectKind.EndpointSlice => item is V1EndpointSlice { Metadata.Labels: { } labels }
            && labels.TryGetValue("kubernetes.io/service-name", out var service) && _services.ContainsKey(new ObjectKey(key.Namespace, service)),
        ObjectKind.Secret or ObjectKind.ConfigMap => IsNamed(key),
        _ => true,
    };

    /// <summary>Adds <paramref name="delta"/> to each key's count; <paramref name="crossedZero"/> hears of keys that appear or disappear.</summary>
    private static void Count(Dictionary<ObjectKey, int> counts, IEnumerable<ObjectKey> keys, int delta, Action<ObjectKey>? crossedZero = null)
    {
        foreach (var key in keys)
        {
            var before = counts.GetValueOrDefault(key);
            var count = before + delta;
            if (count > 0)
            {
                counts[key] = count;
            }
            else
            {
                counts.Remove(key);
            }
            if ((before == 0) != (count <= 0))
            {
                crossedZero?.Invoke(key);
            }
        }
    }
}
