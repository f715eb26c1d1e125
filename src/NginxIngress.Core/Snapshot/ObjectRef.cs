namespace NginxIngress.Core.Snapshot;

/// <summary>Names one Kubernetes object by kind, so a problem can say exactly what it is about.</summary>
public readonly record struct ObjectRef(string Kind, string Namespace, string Name)
{
    public ObjectKey Key => new(Namespace, Name);

    public static ObjectRef Ingress(ObjectKey key) => new("Ingress", key.Namespace, key.Name);

    public static ObjectRef ConfigMap(ObjectKey key) => new("ConfigMap", key.Namespace, key.Name);

    public static ObjectRef Secret(ObjectKey key) => new("Secret", key.Namespace, key.Name);

    public override string ToString() =>
        Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
