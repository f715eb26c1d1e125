using k8s;
using k8s.Models;

namespace NginxIngress.Integration.Tests.ApiServer;

/// <summary>Watch streams of the emulator, read through the real KubernetesClient's generated watch methods.</summary>
public sealed class ApiServerEmulatorWatchTests : EmulatedClusterTest
{
    private WatchReader<V1Ingress> WatchIngresses(string? resourceVersion, bool? bookmarks = null, int? timeoutSeconds = null, Action<Exception>? onError = null) =>
        new(token => Client.NetworkingV1.WatchListIngressForAllNamespacesAsync(
            resourceVersion: resourceVersion, allowWatchBookmarks: bookmarks, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: token));

    [Test]
    public async Task Watch_from_a_list_resourceVersion_sees_later_changes_in_order()
    {
        Emulator.Apply(Ingress("before"));
        var list = await Client.NetworkingV1.ListIngressForAllNamespacesAsync();
        await using var watch = WatchIngresses(list.Metadata.ResourceVersion);

        var added = await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");
        added.Spec.Rules.Single().Host = "changed.test";
        var modified = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(added, "web", "default");
        await Client.NetworkingV1.DeleteNamespacedIngressAsync("web", "default");

        var events = new List<(WatchEventType Type, V1Ingress Object)>();
        for (var i = 0; i < 3; i++)
        {
            events.Add((await watch.NextAsync(Deadline))!.Value);
        }
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted }));
        Assert.That(events.Select(e => e.Object.Metadata.Name), Is.All.EqualTo("web"));
        Assert.That(events[0].Object.Metadata.ResourceVersion, Is.EqualTo(added.Metadata.ResourceVersion));
        Assert.That(events[1].Object.Metadata.ResourceVersion, Is.EqualTo(modified.Metadata.ResourceVersion));
        Assert.That(long.Parse(events[2].Object.Metadata.ResourceVersion), Is.GreaterThan(long.Parse(modified.Metadata.ResourceVersion)));
        Assert.That(events.Select(e => e.Object.Kind), Is.All.EqualTo("Ingress"), "watched objects carry their kind, unlike list items");
    }

    [Test]
    public async Task Watch_replays_history_written_before_it_opened()
    {
        var start = Emulator.ResourceVersion.ToString();
        Emulator.Apply(Ingress("one"));
        Emulator.Apply(Ingress("two"));

        await using var watch = WatchIngresses(start);

        Assert.That((await watch.NextAsync(Deadline))!.Value.Object.Metadata.Name, Is.EqualTo("one"));
        Assert.That((await watch.NextAsync(Deadline))!.Value.Object.Metadata.Name, Is.EqualTo("two"));
    }

    [Test]
    public async Task Watch_without_resourceVersion_starts_with_a_synthetic_ADDED_per_object()
    {
        Emulator.Apply(Ingress("one"));
        Emulator.Apply(Ingress("two", ns: "other"));
        Emulator.Delete<V1Ingress>("default", "one");
        Emulator.Apply(Ingress("three"));

        await using var watch = WatchIngresses(resourceVersion: null);

        var first = (await watch.NextAsync(Deadline))!.Value;
        var second = (await watch.NextAsync(Deadline))!.Value;
        Assert.That(new[] { first.Type, second.Type }, Is.All.EqualTo(WatchEventType.Added));
        Assert.That(new[] { first.Object.Metadata.Name, second.Object.Metadata.Name }, Is.EquivalentTo(new[] { "two", "three" }));

        Emulator.Apply(Ingress("four"));
        var live = (await watch.NextAsync(Deadline))!.Value;
        Assert.That((live.Type, live.Object.Metadata.Name), Is.EqualTo((WatchEventType.Added, "four")));
    }

    [Test]
    public async Task Idle_watch_that_asks_for_bookmarks_receives_them_with_the_current_resourceVersion()
    {
        Emulator.BookmarkInterval = TimeSpan.FromMilliseconds(200);
        Emulator.Apply(Ingress("web"));
        var current = Emulator.ResourceVersion.ToString();
        Emulator.Apply(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "moves-the-version", NamespaceProperty = "default" } });

        await using var watch = WatchIngresses(current, bookmarks: true);

        var bookmark = (await watch.NextAsync(Deadline))!.Value;
        Assert.That(bookmark.Type, Is.EqualTo(WatchEventType.Bookmark));
        Assert.That(bookmark.Object.Metadata.ResourceVersion, Is.EqualTo(Emulator.ResourceVersion.ToString()));
        Assert.That(Emulator.Requests.Single(r => r.Verb == "watch").Query, Does.Contain("allowWatchBookmarks=true"));
    }

    [Test]
    public async Task Watch_without_bookmarks_stays_silent_when_idle()
    {
        Emulator.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        await using var watch = WatchIngresses(Emulator.ResourceVersion.ToString());

        Assert.That(await watch.IsQuietForAsync(TimeSpan.FromMilliseconds(500)), Is.True);
    }

    [Test]
    public async Task Watch_from_a_compacted_resourceVersion_gets_a_410_Expired_error_event()
    {
        var old = Emulator.ResourceVersion.ToString();
        Emulator.Apply(Ingress("web"));
        Emulator.Compact();
        Exception? error = null;

        await using var watch = WatchIngresses(old, onError: e => error = e);

        Assert.That(await watch.NextAsync(Deadline), Is.Null, "the stream ends after the error");
        var expired = error as KubernetesException;
        Assert.That(expired, Is.Not.Null, $"onError got {error}");
        Assert.That(expired!.Status.Code, Is.EqualTo(410));
        Assert.That(expired.Status.Reason, Is.EqualTo("Expired"));
        Assert.That(expired.Status.Message, Does.StartWith($"too old resource version: {old} ("));
    }

    [Test]
    public async Task Watch_from_the_compaction_point_still_works()
    {
        Emulator.Apply(Ingress("web"));
        Emulator.Compact();
        await using var watch = WatchIngresses(Emulator.ResourceVersion.ToString());

        Emulator.Apply(Ingress("after"));

        Assert.That((await watch.NextAsync(Deadline))!.Value.Object.Metadata.Name, Is.EqualTo("after"));
    }

    [Test]
    public async Task Watch_ends_cleanly_after_timeoutSeconds()
    {
        await using var watch = WatchIngresses(Emulator.ResourceVersion.ToString(), timeoutSeconds: 1);
        Emulator.Apply(Ingress("web"));
        Assert.That((await watch.NextAsync(Deadline))!.Value.Object.Metadata.Name, Is.EqualTo("web"));

        Assert.That(await watch.NextAsync(Deadline), Is.Null);
        await WaitUntilAsync(() => Emulator.OpenWatchCount == 0, "the emulator closed the watch");
    }

    [Test]
    public async Task Client_reports_a_watch_that_timed_out_before_any_event_as_end_of_stream()
    {
        // KubernetesClient peeks the first line before it hands out the stream, so an empty body (which the real
        // server sends too when timeoutSeconds passes on an idle watch) is an exception, not an empty sequence.
        await using var watch = WatchIngresses(Emulator.ResourceVersion.ToString(), timeoutSeconds: 1);

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await watch.NextAsync(Deadline));

        Assert.That(error!.InnerException, Is.InstanceOf<EndOfStreamException>());
        Assert.That(Emulator.OpenWatchCount, Is.Zero);
    }

    [Test]
    public async Task DropWatches_breaks_every_open_watch_stream()
    {
        await using var first = WatchIngresses(Emulator.ResourceVersion.ToString());
        await using var second = WatchIngresses(resourceVersion: null);
        await WaitUntilAsync(() => Emulator.OpenWatchCount == 2, "both watches are open");

        Emulator.DropWatches();

        foreach (var watch in new[] { first, second })
        {
            try
            {
                Assert.That(await watch.NextAsync(Deadline), Is.Null);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // A broken connection may surface as an exception instead of an end: both mean the stream is gone.
            }
        }
        await WaitUntilAsync(() => Emulator.OpenWatchCount == 0, "the emulator forgot the dropped watches");
    }

    [Test]
    public async Task StallWatches_holds_events_back_until_unstalled()
    {
        Emulator.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        await using var watch = WatchIngresses(Emulator.ResourceVersion.ToString(), bookmarks: true);
        await WaitUntilAsync(() => Emulator.OpenWatchCount == 1, "the watch is open");
        Emulator.StallWatches(true);
        // Anything the watch sent before the stall took hold is read off first.
        while (!await watch.IsQuietForAsync(TimeSpan.FromMilliseconds(300)))
        {
            await watch.NextAsync(Deadline);
        }

        Emulator.Apply(Ingress("held"));
        Assert.That(await watch.IsQuietForAsync(TimeSpan.FromMilliseconds(500)), Is.True, "no events and no bookmarks while stalled");

        Emulator.StallWatches(false);
        var next = (await watch.NextAsync(Deadline))!.Value;
        Assert.That((next.Type, next.Object.Metadata.Name), Is.EqualTo((WatchEventType.Added, "held")));
    }

    [Test]
    public async Task Watch_with_a_label_selector_sees_objects_enter_and_leave_it()
    {
        await using var watch = new WatchReader<V1Ingress>(token => Client.NetworkingV1.WatchListIngressForAllNamespacesAsync(
            resourceVersion: Emulator.ResourceVersion.ToString(), labelSelector: "tier=edge", cancellationToken: token));

        Emulator.Apply(Ingress("web", labels: new Dictionary<string, string> { ["tier"] = "core" }));
        Emulator.Apply(Ingress("web", labels: new Dictionary<string, string> { ["tier"] = "edge" }));
        Emulator.Apply(Ingress("web", labels: new Dictionary<string, string> { ["tier"] = "core" }));

        Assert.That((await watch.NextAsync(Deadline))!.Value.Type, Is.EqualTo(WatchEventType.Added));
        Assert.That((await watch.NextAsync(Deadline))!.Value.Type, Is.EqualTo(WatchEventType.Deleted));
    }
}
