using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Building;

/// <summary>
/// ingress-nginx's location order: the longest path first; paths of equal length by path, descending (ordinal);
/// then Exact before Prefix. ingress-nginx reaches the same order in two passes (a sort by path descending,
/// then a stable sort by length descending). On a regex host nginx takes the first regex that matches, so this
/// order decides which path wins there.
/// </summary>
public static class LocationOrder
{
    public static EquatableArray<LocationModel> Sort(IEnumerable<LocationModel> locations) =>
        locations
            .OrderByDescending(location => location.Path.Length)
            .ThenByDescending(location => location.Path, StringComparer.Ordinal)
            .ThenBy(location => location.Match)
            .ToEquatableArray();
}
