using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace NginxIngress.Core.Snapshot;

/// <summary>
/// What one Ingress's config is made from: the Ingress and every object it names. An Ingress that nginx
/// rejected is tried again when this changes, since a fix can come from any of them (a Service port, an
/// EndpointSlice, a certificate), not only from the Ingress itself.
/// </summary>
public static class IngressDependencies
{
    /// <summary>
    /// The objects the Ingress names (<see cref="IngressReferences"/>), as found in the snapshot, with its IngressClass
    /// and the EndpointSlices of its Services.
    /// </summary>
    public static IReadOnlyList<(ObjectRef Ref, object Item)> Of(ClusterSnapshot snapshot, ObjectKey ingress)
    {
        if (!snapshot.Ingresses.TryGetValue(ingress, out var item))
        {
            return [];
        }
        var found = new List<(ObjectRef, object)> { (ObjectRef.Ingress(ingress), item) };
        var spec = item.Spec ?? new V1IngressSpec();
        if (spec.IngressClassName is { } className && snapshot.IngressClasses.TryGetValue(className, out var ingressClass))
        {
            found.Add((new ObjectRef("IngressClass", "", className), ingressClass));
        }

        var references = IngressReferences.Of(item);
        foreach (var service in references.Services.Order())
        {
            Add(found, "Service", snapshot.Services, service);
        }
        foreach (var (key, slice) in snapshot.EndpointSlices)
        {
            if (slice.Metadata?.Labels is { } labels && labels.TryGetValue("kubernetes.io/service-name", out var owner)
                && references.Services.Contains(new ObjectKey(key.Namespace, owner)))
            {
                found.Add((new ObjectRef("EndpointSlice", key.Namespace, key.Name), slice));
            }
        }
        foreach (var key in references.SecretsOrConfigMaps.Order())
        {
            Add(found, "Secret", snapshot.Secrets, key);
            Add(found, "ConfigMap", snapshot.ConfigMaps, key);
        }
        return found;
    }

    /// <summary>
    /// A hash over the <see cref="ObjectContent"/> of <see cref="Of"/>, blind to what changes without changing the
    /// config: resourceVersion, managedFields and status (the controller's own status writes would otherwise count as a fix).
    /// </summary>
    public static string Fingerprint(ClusterSnapshot snapshot, ObjectKey ingress)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (reference, item) in Of(snapshot, ingress))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{reference}\n{ObjectContent.Of(item)}\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add<T>(List<(ObjectRef, object)> found, string kind, IReadOnlyDictionary<ObjectKey, T> objects, ObjectKey key)
        where T : notnull
    {
        if (objects.TryGetValue(key, out var item))
        {
            found.Add((new ObjectRef(kind, key.Namespace, key.Name), item));
        }
    }
}
