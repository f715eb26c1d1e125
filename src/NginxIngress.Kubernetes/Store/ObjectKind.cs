using k8s.Models;

namespace NginxIngress.Kubernetes.Store;

/// <summary>The kinds the controller reads, one informer (or one part of a manifest folder) each.</summary>
public enum ObjectKind
{
    Ingress,
    IngressClass,
    Service,
    EndpointSlice,
    Secret,
    ConfigMap,
}

/// <summary>Maps an object, or its .NET type, to its <see cref="ObjectKind"/>.</summary>
public static class ObjectKinds
{
    public static readonly IReadOnlySet<ObjectKind> All = Enum.GetValues<ObjectKind>().ToHashSet();

    public static ObjectKind Of<T>() => Of(typeof(T));

    public static ObjectKind Of(Type type) =>
        type == typeof(V1Ingress) ? ObjectKind.Ingress
        : type == typeof(V1IngressClass) ? ObjectKind.IngressClass
        : type == typeof(V1Service) ? ObjectKind.Service
        : type == typeof(V1EndpointSlice) ? ObjectKind.EndpointSlice
        : type == typeof(V1Secret) ? ObjectKind.Secret
        : type == typeof(V1ConfigMap) ? ObjectKind.ConfigMap
        : throw new ArgumentException($"{type.Name} is not a kind the store holds", nameof(type));
}
