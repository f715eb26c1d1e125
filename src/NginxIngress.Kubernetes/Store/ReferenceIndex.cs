using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Which Services, Secrets and ConfigMaps some Ingress names, kept up to date as Ingresses are written, so the
/// store can tell whether a change to one of them can change the config. Not thread-safe: the store calls it
/// under its lock.
/// </summary>
internal sealed class ReferenceIndex
{
    private readonly Dictionary<(StoreSource Source, ObjectKey Ingress), IngressReferences> _byIngress = [];
    private readonly Dictionary<ObjectKey, int> _services = [];
    private readonly Dictionary<ObjectKey, int> _secretsOrConfigMaps = [];
    private readonly HashSet<ObjectKey> _alwaysRelevant = [];

    /// <summary>Secrets and ConfigMaps the controller reads whatever the Ingresses say (--configmap, --default-ssl-certificate).</summary>
    public void AlwaysRelevant(ObjectKey key) => _alwaysRelevant.Add(key);

    /// <summary>Records what <paramref name="ingress"/> names now; null when it was deleted.</summary>
    public void Set(StoreSource source, ObjectKey key, V1Ingress? ingress)
    {
        if (_byIngress.Remove((source, key), out var old))
        {
            Count(_services, old.Services, -1);
            Count(_secretsOrConfigMaps, old.SecretsOrConfigMaps, -1);
        }
        if (ingress is not null)
        {
            var references = IngressReferences.Of(ingress);
            _byIngress[(source, key)] = references;
            Count(_services, references.Services, +1);
            Count(_secretsOrConfigMaps, references.SecretsOrConfigMaps, +1);
        }
    }

    /// <summary>Whether a change to <paramref name="item"/> can change the config.</summary>
    public bool Matters(ObjectKind kind, ObjectKey key, object item) => kind switch
    {
        ObjectKind.Service => _services.ContainsKey(key),
        ObjectKind.EndpointSlice => item is V1EndpointSlice { Metadata.Labels: { } labels }
            && labels.TryGetValue("kubernetes.io/service-name", out var service) && _services.ContainsKey(new ObjectKey(key.Namespace, service)),
        ObjectKind.Secret or ObjectKind.ConfigMap => _secretsOrConfigMaps.ContainsKey(key) || _alwaysRelevant.Contains(key),
        _ => true,
    };

    private static void Count(Dictionary<ObjectKey, int> counts, IEnumerable<ObjectKey> keys, int delta)
    {
        foreach (var key in keys)
        {
            var count = counts.GetValueOrDefault(key) + delta;
            if (count > 0)
            {
                counts[key] = count;
            }
            else
            {
                counts.Remove(key);
            }
        }
    }
}
