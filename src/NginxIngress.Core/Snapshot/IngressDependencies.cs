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
    /// The objects the Ingress names, as found in the snapshot: its IngressClass; the Services of its backends and
    /// their EndpointSlices; the Secrets of spec.tls; and any Secret or ConfigMap an annotation value names, as
    /// <c>name</c> (in the Ingress's namespace) or <c>namespace/name</c>, which covers annotations such as
    /// auth-secret and custom-headers without listing them.
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

        var services = (spec.Rules ?? [])
            .SelectMany(rule => rule.Http?.Paths ?? [])
            .Select(path => path.Backend?.Service?.Name)
            .Append(spec.DefaultBackend?.Service?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var service in services.Order(StringComparer.Ordinal))
        {
            Add(found, "Service", snapshot.Services, new ObjectKey(ingress.Namespace, service));
        }
        foreach (var (key, slice) in snapshot.EndpointSlices)
        {
            if (key.Namespace == ingress.Namespace && slice.Metadata?.Labels is { } labels
                && labels.TryGetValue("kubernetes.io/service-name", out var owner) && services.Contains(owner))
            {
                found.Add((new ObjectRef("EndpointSlice", key.Namespace, key.Name), slice));
            }
        }

        var named = (spec.Tls ?? []).Select(tls => tls.SecretName)
            .Concat(item.Metadata?.Annotations?.Values ?? [])
            .OfType<string>()
            .Select(value => NamedKey(value, ingress.Namespace))
            .OfType<ObjectKey>()
            .Distinct()
            .Order();
        foreach (var key in named)
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

    /// <summary><c>name</c> or <c>namespace/name</c> as a key, or null for a value that cannot name an object.</summary>
    private static ObjectKey? NamedKey(string value, string defaultNamespace)
    {
        var parts = value.Split('/');
        return parts switch
        {
            [var name] when name.Length is > 0 and <= 253 => new ObjectKey(defaultNamespace, name),
            [var ns, var name] when ns.Length is > 0 and <= 63 && name.Length is > 0 and <= 253 => new ObjectKey(ns, name),
            _ => null,
        };
    }
}
