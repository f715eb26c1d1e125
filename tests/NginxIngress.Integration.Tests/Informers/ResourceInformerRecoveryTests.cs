using Microsoft.Extensions.Logging;
using System.Globalization;
using k8s.Models;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>
/// The ways a watch ends or fails, each made to happen by the emulator, and how the informer gets back in step.
/// Each test would fail if the informer lacked the behaviour it names.
/// </summary>
public sealed class ResourceInformerRecoveryTests : InformerTest
{
    private string CurrentVersion => Emulator.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    [Test]
    public async Task An_object_deleted_while_watches_are_down_is_gone_after_the_relist()
    {
        Emulator.Apply(Ingress("kept"));
        Emulator.Apply(Ingress("doomed"));
        StartInformer();
        await Sink.WaitForNamesAsync("default/doomed", "default/kept");
        await WaitForWatchCountAsync(1);

        // Silence the watch so the delete never reaches it, forget the history, then cut the connection:
        // the informer can only resume from a version the server no longer has.
        Emulator.StallWatches(true);
        Emulator.Delete<V1Ingress>("default", "doomed");
        Emulator.Apply(Ingress("new"));
        Emulator.Compact();
        Emulator.DropWatches();
        await Sink.WaitUntilAsync(sink => sink.ReplaceCount == 2, because: "the relist after 410");
        Emulator.StallWatches(false);

        var relist = Sink.Calls.Last(call => call.Operation == "Replace");
        Assert.That(relist.Names, Is.EquivalentTo(new[] { "default/kept", "default/new" }));
        Assert.That(Sink.Calls.Where(call => call.Operation == "Delete"), Is.Empty, "no DELETED event was ever sent");
        Assert.That(Log.MessagesWith(403), Has.Some.Contains("410"), "the relist was caused by 410");
    }

    [Test]
    public async Task A_clean_stream_end_resumes_from_the_last_resourceVersion_without_relisting()
    {
        var oneSecondWatches = QuickOptions with { MinWatchTimeout = TimeSpan.FromSeconds(1), MaxWatchTimeout = TimeSpan.FromSeconds(1) };
        StartInformer(oneSecondWatches);
        await WaitForWatchCountAsync(1);
        Emulator.Apply(Ingress("web"));
        await Sink.WaitForNamesAsync("default/web");
        var afterWeb = CurrentVersion;

        // The server ends the first watch after its timeout; the informer opens another on its own.
        await WaitForWatchCountAsync(2);
        Emulator.Apply(Ingress("api"));
        await Sink.WaitForNamesAsync("default/api", "default/web");

        Assert.That(IngressRequests("list"), Is.EqualTo(1));
        Assert.That(Sink.ReplaceCount, Is.EqualTo(1));
        var resumedFrom = long.Parse(IngressWatchQueries()[1]["resourceVersion"]!, CultureInfo.InvariantCulture);
        Assert.That(resumedFrom, Is.GreaterThanOrEqualTo(long.Parse(afterWeb, CultureInfo.InvariantCulture)),
            "the second watch resumes at or after the last event seen, not at the list's version");
    }

    [Test]
    public async Task A_blank_line_ending_a_watch_is_noise_the_informer_resumes_after_without_relisting()
    {
        StartInformer();
        await WaitForWatchCountAsync(1);

        // Pitfall 7: the client reports a blank first line as the end of the stream ("no JSON tokens").
        Emulator.SendRawWatchLine("");
        Emulator.Apply(Ingress("web"));
        await Sink.WaitForNamesAsync("default/web");

        Assert.That(IngressRequests("list"), Is.EqualTo(1), "no relist");
        var noise = Log.Entries.Where(entry => entry.Message.Contains("JSON tokens", StringComparison.Ordinal)).ToList();
        Assert.That(noise, Is.Not.Empty, "the premise: the blank line ended the watch");
        Assert.That(noise.Select(entry => entry.Level), Has.All.EqualTo(LogLevel.Debug), "noise, not a warning");
    }

    [Test]
    public async Task A_broken_line_inside_a_watch_is_skipped_and_the_same_watch_reads_on()
    {
        StartInformer();
        await WaitForWatchCountAsync(1);
        Emulator.Apply(Ingress("first"));
        await Sink.WaitForNamesAsync("default/first");

        Emulator.SendRawWatchLine("""{"type":"ADDED","object":{"kind":"Ingr""");
        Emulator.Apply(Ingress("web"));
        await Sink.WaitForNamesAsync("default/first", "default/web");

        Assert.That(IngressRequests("watch"), Is.EqualTo(1), "the same watch delivered the next event");
        Assert.That(Log.MessagesWith(409), Has.Count.EqualTo(1), "the unreadable line is logged once");
    }

    [Test]
    public async Task Bookmarks_advance_the_resume_point()
    {
        Emulator.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        StartInformer();
        await WaitForWatchCountAsync(1);

        // Writes to another kind move the server's version on without any Ingress event.
        Emulator.Apply(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "unrelated", NamespaceProperty = "default" } });
        var moved = CurrentVersion;
        await WaitUntilAsync(() => Informer.ResourceVersion == moved, "a bookmark carried the new version");

        // With the history gone, only a resume point moved by the bookmark avoids 410 and a relist.
        Emulator.Compact();
        Emulator.DropWatches();
        await WaitForWatchCountAsync(2);

        Assert.That(IngressWatchQueries()[1]["resourceVersion"], Is.EqualTo(moved));
        Assert.That(IngressRequests("list"), Is.EqualTo(1));
        Assert.That(Sink.Calls.Select(call => call.Operation), Is.EqualTo(new[] { "Replace" }), "a bookmark reaches no sink");
    }

    [Test]
    public async Task A_stalled_watch_is_detected_by_the_watchdog_and_recovers()
    {
        Emulator.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        StartInformer(QuickOptions with { StallTimeout = TimeSpan.FromSeconds(1) });
        await WaitForWatchCountAsync(1);

        // Open and silent, like a half-open connection: no events, no bookmarks, no end.
        Emulator.StallWatches(true);
        Emulator.Apply(Ingress("web"));
        await WaitForWatchCountAsync(2);
        Emulator.StallWatches(false);
        await Sink.WaitForNamesAsync("default/web");

        Assert.That(Log.MessagesWith(404), Is.Not.Empty, "the stall was reported");
        Assert.That(IngressRequests("list"), Is.EqualTo(1), "a stall is healed by a re-watch, not a relist");
    }

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(429)]
    public async Task Failing_requests_are_retried_with_backoff_and_the_informer_converges(int statusCode)
    {
        Emulator.Apply(Ingress("web"));
        Emulator.FailNextRequests(3, statusCode);

        StartInformer();
        await Informer.Synced.WaitAsync(Deadline);
        await WaitForWatchCountAsync(1);
        Emulator.Apply(Ingress("api"));
        await Sink.WaitForNamesAsync("default/api", "default/web");

        Assert.That(IngressRequests("list"), Is.EqualTo(4), "three failures, then success");
        var retries = Log.Entries.Where(entry => entry.Id.Id == 406).Select(entry => entry.Message).ToList();
        Assert.That(retries, Has.Count.EqualTo(3));
        Assert.That(retries, Has.All.Contains(statusCode.ToString(CultureInfo.InvariantCulture)));
        Assert.That(retries.Select((message, i) => message.Contains($"attempt {i + 1};", StringComparison.Ordinal)), Is.All.True,
            "each retry is counted, so the delay grows: " + string.Join(" | ", retries));
    }

    [Test]
    public async Task A_failing_watch_is_retried_from_the_same_resourceVersion_without_relisting()
    {
        StartInformer();
        await Informer.Synced.WaitAsync(Deadline);
        await WaitForWatchCountAsync(1);

        Emulator.FailNextRequests(2, 500);
        Emulator.DropWatches();
        Emulator.Apply(Ingress("web"));
        await Sink.WaitForNamesAsync("default/web");

        Assert.That(IngressRequests("list"), Is.EqualTo(1));
        Assert.That(IngressRequests("watch"), Is.GreaterThanOrEqualTo(3), "two refused watches, then one that works");
    }
}
