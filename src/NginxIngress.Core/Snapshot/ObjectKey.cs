namespace NginxIngress.Core.Snapshot;

/// <summary>Identifies a namespaced object. Displayed as <c>namespace/name</c>, as kubectl does.</summary>
public readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
