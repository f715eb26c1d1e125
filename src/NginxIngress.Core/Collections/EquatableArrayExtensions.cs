using System.Collections.Immutable;

namespace NginxIngress.Core.Collections;

public static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items.ToImmutableArray());
}
