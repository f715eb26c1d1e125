using k8s.Models;

namespace NginxIngress.Core.Snapshot;

/// <summary>
/// The objects an Ingress names, whether or not they exist: the Services of its backends (in its namespace), the
/// Secrets of spec.tls, and every Secret or ConfigMap an annotation value could name, as <c>name</c> (in the Ingress's
/// namespace) or <c>namespace/name</c>, which covers annotations such as auth-secret and custom-headers without
/// listing them. A change to an object no Ingress names cannot change the config.
/// </summary>
public sealed record IngressReferences(IReadOnlySet<ObjectKey> Services, IReadOnlySet<ObjectKey> SecretsOrConfigMaps)
{
    public static readonly IngressReferences None = new(new HashSet<ObjectKey>(), new HashSet<ObjectKey>());

    public static IngressReferences Of(V1Ingress ingress)
    {
        var ns = ingress.Namespace() ?? "default";
        var spec = ingress.Spec ?? new V1IngressSpec();
        var services = (spec.Rules ?? [])
            .SelectMany(rule => rule.Http?.Paths ?? [])
            .Select(path => path.Backend?.Service?.Name)
            .Append(spec.DefaultBackend?.Service?.Name)
            .OfType<string>()
            .Select(name => new ObjectKey(ns, name))
            .ToHashSet();
        var named = (spec.Tls ?? []).Select(tls => tls.SecretName)
            .Concat(ingress.Metadata?.Annotations?.Values ?? [])
            .OfType<string>()
            .Select(value => NamedKey(value, ns))
            .OfType<ObjectKey>()
            .ToHashSet();
        return new IngressReferences(services, named);
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
