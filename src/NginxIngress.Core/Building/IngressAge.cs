using k8s.Models;

namespace NginxIngress.Core.Building;

/// <summary>
/// Orders Ingresses oldest first (creationTimestamp, then namespace/name), the order in which ingress-nginx
/// lets the first Ingress win every conflict. Objects without a timestamp (hand-written manifests) sort
/// first, in name order, so a render stays deterministic.
/// </summary>
public sealed class IngressAge : IComparer<V1Ingress>
{
    public static readonly IngressAge OldestFirst = new();

    public int Compare(V1Ingress? x, V1Ingress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var byTime = Nullable.Compare(x.Metadata?.CreationTimestamp, y.Metadata?.CreationTimestamp);
        if (byTime != 0)
        {
            return byTime;
        }
        var byNamespace = string.CompareOrdinal(x.Namespace(), y.Namespace());
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name(), y.Name());
    }
}
