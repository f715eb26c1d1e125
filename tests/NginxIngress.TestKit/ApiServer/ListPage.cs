namespace NginxIngress.TestKit.ApiServer;

/// <summary>One page of a list, all read from the snapshot at <see cref="ResourceVersion"/>.</summary>
internal sealed record ListPage(long ResourceVersion, IReadOnlyList<StoredObject> Items, string? Continue, long? RemainingItemCount);
