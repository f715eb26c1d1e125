using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// The emulator's etcd and watch cache in one: every object of every resource, one global resourceVersion that
/// every write bumps, and the history of changes that watches replay from. State is immutable between writes, so a
/// list page and its continuation read the same snapshot, however many writes happen in between.
/// </summary>
internal sealed class VersionedObjectStore
{
    private readonly Lock _lock = new();
    private readonly List<(StoredObject Object, StoredObject? Previous, string Type)> _history = [];
    private readonly Dictionary<long, ImmutableDictionary<ApiResource, ImmutableSortedDictionary<string, StoredObject>>> _pagedSnapshots = [];
    private readonly List<WatchSubscription> _watches = [];
    private ImmutableDictionary<ApiResource, ImmutableSortedDictionary<string, StoredObject>> _state =
        ImmutableDictionary<ApiResource, ImmutableSortedDictionary<string, StoredObject>>.Empty;
    private long _resourceVersion;
    private long _compactedResourceVersion;

    /// <summary>Starts well above zero so nothing passes by treating "0" or "1" as a real version.</summary>
    public VersionedObjectStore(long initialResourceVersion = 1000)
    {
        _resourceVersion = initialResourceVersion;
        _compactedResourceVersion = initialResourceVersion;
    }

    public long ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    public StoredObject? Get(ApiResource resource, string ns, string name)
    {
        lock (_lock)
        {
            return Objects(_state, resource).GetValueOrDefault(StoredObject.StoreKey(ns, name));
        }
    }

    /// <summary>
    /// A list as the real server answers it. <paramref name="resourceVersion"/> unset or "0" reads the latest state
    /// (the real "0" may be stale; never staler than latest here); "0" ignores <paramref name="limit"/>, because the
    /// real server serves it from the watch cache, which does not page. N reads the latest state too ("not older
    /// than N"), unless <paramref name="match"/> is "Exact", which reads the state as of N from history.
    /// </summary>
    public ListPage List(ObjectFilter filter, int limit, string? continueToken, string? resourceVersion, string? match)
    {
        lock (_lock)
        {
            var state = _state;
            var snapshotVersion = _resourceVersion;
            var afterKey = "";
            ValidateMatch(continueToken, resourceVersion, match);
            if (!string.IsNullOrEmpty(continueToken))
            {
                if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != "0")
                {
                    throw ApiStatusException.BadRequest("specifying resource version is not allowed when using continue");
                }
                (snapshotVersion, afterKey) = ContinueToken.Decode(continueToken);
                if (snapshotVersion != _resourceVersion && !_pagedSnapshots.TryGetValue(snapshotVersion, out state!))
                {
                    throw ApiStatusException.ExpiredContinue();
                }
                state ??= _state;
            }
            else if (resourceVersion is { Length: > 0 } and not "0")
            {
                var requested = ParseResourceVersion(resourceVersion);
                if (requested > _resourceVersion)
                {
                    throw new ApiStatusException(504, "Timeout", $"Too large resource version: {requested}, current: {_resourceVersion}") { RetryAfterSeconds = 1 };
                }
                if (match == "Exact")
                {
                    state = StateAt(requested);
                    snapshotVersion = requested;
                }
            }
            else if (resourceVersion == "0")
            {
                limit = 0;
            }

            var matching = Objects(state, filter.Resource).Values
                .Where(o => string.CompareOrdinal(o.Key, afterKey) > 0 && filter.Matches(o));
            if (limit <= 0)
            {
                return new ListPage(snapshotVersion, matching.ToList(), null, null);
            }
            var page = matching.Take(limit + 1).ToList();
            if (page.Count <= limit)
            {
                return new ListPage(snapshotVersion, page, null, null);
            }
            page.RemoveAt(limit);
            _pagedSnapshots.TryAdd(snapshotVersion, state);
            long? remaining = filter.HasSelectors ? null : matching.LongCount() - limit;
            return new ListPage(snapshotVersion, page, ContinueToken.Encode(snapshotVersion, page[^1].Key), remaining);
        }
    }

    public StoredObject Create(ApiResource resource, string ns, JsonObject body, bool resetStatus)
    {
        var metadata = ObjectMetadata.Of(body);
        lock (_lock)
        {
            var name = ObjectMetadata.AssignName(resource, metadata);
            ObjectMetadata.ValidateName(resource, name);
            var key = StoredObject.StoreKey(ns, name);
            if (Objects(_state, resource).ContainsKey(key))
            {
                throw ApiStatusException.AlreadyExists(resource, name);
            }
            body["apiVersion"] = resource.ApiVersion;
            body["kind"] = resource.Kind;
            if (resource.Namespaced)
            {
                metadata["namespace"] = ns;
            }
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (body.ContainsKey("spec"))
            {
                metadata["generation"] = 1;
            }
            if (resetStatus && resource.HasStatus)
            {
                // Ingress and Service strategies clear status on create: only the status subresource writes it.
                body["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
            }
            return Commit(resource, body, previous: null, "ADDED");
        }
    }

    /// <summary>
    /// Replaces an object with what <paramref name="write"/> makes of a private copy of the current one. A
    /// resourceVersion left in the result is a precondition (optimistic concurrency); a write that changes nothing
    /// is a no-op that keeps the resourceVersion and sends no event, as on the real server.
    /// </summary>
    public StoredObject Update(ApiResource resource, string ns, string name, Func<JsonObject, JsonObject> write, WriteScope scope)
    {
        lock (_lock)
        {
            var current = Objects(_state, resource).GetValueOrDefault(StoredObject.StoreKey(ns, name))
                ?? throw ApiStatusException.NotFound(resource, name);
            var desired = write(current.Thaw());
            var desiredMetadata = ObjectMetadata.Of(desired);
            var precondition = (string?)desiredMetadata["resourceVersion"];
            if (scope != WriteScope.Whole && !string.IsNullOrEmpty(precondition) && precondition != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiStatusException.Conflict(resource, name);
            }
            var next = ObjectMetadata.Merge(resource, current.Thaw(), desired, scope);
            if (JsonNode.DeepEquals(next, current.Thaw()))
            {
                return current;
            }
            return Commit(resource, next, current, "MODIFIED");
        }
    }

    public StoredObject Delete(ApiResource resource, string ns, string name, string? expectedResourceVersion, string? expectedUid)
    {
        lock (_lock)
        {
            var current = Objects(_state, resource).GetValueOrDefault(StoredObject.StoreKey(ns, name))
                ?? throw ApiStatusException.NotFound(resource, name);
            if ((!string.IsNullOrEmpty(expectedResourceVersion) && expectedResourceVersion != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
                || (!string.IsNullOrEmpty(expectedUid) && expectedUid != current.Uid))
            {
                throw ApiStatusException.Conflict(resource, name);
            }
            var deleted = current.WithResourceVersion(++_resourceVersion);
            _state = _state.SetItem(resource, Objects(_state, resource).Remove(current.Key));
            Record(deleted, current, "DELETED");
            return deleted;
        }
    }

    /// <summary>
    /// Opens a watch. Unset or "0" starts with a synthetic ADDED per current object; N replays every change after
    /// N, or fails with 410 Expired when N is older than the compacted history. With
    /// <paramref name="initialEvents"/> (a streaming list) every version starts with the synthetic ADDEDs, closed
    /// by a bookmark annotated <c>k8s.io/initial-events-end</c>.
    /// </summary>
    public WatchSubscription Watch(ObjectFilter filter, string? resourceVersion, bool bookmarks, bool initialEvents = false)
    {
        lock (_lock)
        {
            var watch = new WatchSubscription(filter, bookmarks);
            if (initialEvents || string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var stored in Objects(_state, filter.Resource).Values.Where(filter.Matches))
                {
                    watch.Enqueue(new WatchFrame("ADDED", stored.Json));
                }
                if (initialEvents)
                {
                    watch.Enqueue(WatchFrame.Bookmark(filter.Resource, _resourceVersion, initialEventsEnd: true));
                }
            }
            else
            {
                var from = ParseResourceVersion(resourceVersion);
                if (from < _compactedResourceVersion)
                {
                    throw ApiStatusException.TooOldResourceVersion(from, _compactedResourceVersion);
                }
                foreach (var (stored, previous, type) in _history.Where(h => h.Object.ResourceVersion > from))
                {
                    Offer(watch, stored, previous, type);
                }
            }
            _watches.Add(watch);
            return watch;
        }
    }

    public void StopWatching(WatchSubscription watch)
    {
        lock (_lock)
        {
            _watches.Remove(watch);
        }
        watch.Complete();
    }

    /// <summary>Queued behind every event the watch already has, so the bookmark's version never runs ahead of them.</summary>
    /// <summary>Sends <paramref name="frame"/> on every open watch, after whatever is queued there already.</summary>
    public void EnqueueToAll(WatchFrame frame)
    {
        lock (_lock)
        {
            foreach (var watch in _watches)
            {
                watch.Enqueue(frame);
            }
        }
    }

    public void EnqueueBookmark(WatchSubscription watch)
    {
        lock (_lock)
        {
            watch.Enqueue(WatchFrame.Bookmark(watch.Filter.Resource, _resourceVersion));
        }
    }

    /// <summary>Forgets history and paging snapshots up to now, as etcd compaction does.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedResourceVersion = _resourceVersion;
            _history.Clear();
            _pagedSnapshots.Clear();
        }
    }

    private static void ValidateMatch(string? continueToken, string? resourceVersion, string? match)
    {
        if (string.IsNullOrEmpty(match))
        {
            return;
        }
        if (match is not ("Exact" or "NotOlderThan"))
        {
            throw ApiStatusException.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        if (!string.IsNullOrEmpty(continueToken))
        {
            throw ApiStatusException.BadRequest("resourceVersionMatch is forbidden when continue is provided");
        }
        if (string.IsNullOrEmpty(resourceVersion))
        {
            throw ApiStatusException.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        if (match == "Exact" && resourceVersion == "0")
        {
            throw ApiStatusException.BadRequest("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
        }
    }

    /// <summary>The whole store as it was at <paramref name="resourceVersion"/>: today's state with later history undone.</summary>
    private ImmutableDictionary<ApiResource, ImmutableSortedDictionary<string, StoredObject>> StateAt(long resourceVersion)
    {
        if (resourceVersion < _compactedResourceVersion)
        {
            throw ApiStatusException.TooOldResourceVersion(resourceVersion, _compactedResourceVersion);
        }
        var state = _state;
        for (var i = _history.Count - 1; i >= 0 && _history[i].Object.ResourceVersion > resourceVersion; i--)
        {
            var (stored, previous, _) = _history[i];
            var objects = Objects(state, stored.Resource);
            state = state.SetItem(stored.Resource, previous is null ? objects.Remove(stored.Key) : objects.SetItem(previous.Key, previous));
        }
        return state;
    }

    private StoredObject Commit(ApiResource resource, JsonObject node, StoredObject? previous, string type)
    {
        ObjectMetadata.Of(node)["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
        var stored = StoredObject.Freeze(resource, node);
        _state = _state.SetItem(resource, Objects(_state, resource).SetItem(stored.Key, stored));
        Record(stored, previous, type);
        return stored;
    }

    private void Record(StoredObject stored, StoredObject? previous, string type)
    {
        _history.Add((stored, previous, type));
        foreach (var watch in _watches)
        {
            Offer(watch, stored, previous, type);
        }
    }

    /// <summary>
    /// What a filtered watch sees of a change: an object that starts to match is ADDED, one that stops is DELETED,
    /// as the real watch cache reports label changes across a selector.
    /// </summary>
    private static void Offer(WatchSubscription watch, StoredObject stored, StoredObject? previous, string type)
    {
        var filter = watch.Filter;
        var nowMatches = filter.Matches(stored);
        var matchedBefore = previous is not null && filter.Matches(previous);
        var seen = type switch
        {
            "MODIFIED" when nowMatches && matchedBefore => "MODIFIED",
            "MODIFIED" when nowMatches => "ADDED",
            "MODIFIED" when matchedBefore => "DELETED",
            "ADDED" or "DELETED" when nowMatches => type,
            _ => null,
        };
        if (seen is not null)
        {
            watch.Enqueue(new WatchFrame(seen, stored.Json));
        }
    }

    private static ImmutableSortedDictionary<string, StoredObject> Objects(
        ImmutableDictionary<ApiResource, ImmutableSortedDictionary<string, StoredObject>> state, ApiResource resource) =>
        state.GetValueOrDefault(resource) ?? ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);

    private static long ParseResourceVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiStatusException.BadRequest($"invalid resource version: {text}");
}
