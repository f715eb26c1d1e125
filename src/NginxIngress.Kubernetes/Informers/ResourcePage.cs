using k8s;
using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>One page of a paginated LIST, reduced to what the informer needs.</summary>
public sealed record ResourcePage<T>
{
    public required IList<T> Items { get; init; }

    /// <summary>The token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; init; }

    /// <summary>The list's own resourceVersion: the watch starts here, not at the newest item's version.</summary>
    public string? ResourceVersion { get; init; }

    public static ResourcePage<T> Of<TList>(TList list)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ResourcePage<T>
        {
            Items = list.Items ?? [],
            Continue = list.Metadata?.ContinueProperty,
            ResourceVersion = list.Metadata?.ResourceVersion,
        };
    }
}
