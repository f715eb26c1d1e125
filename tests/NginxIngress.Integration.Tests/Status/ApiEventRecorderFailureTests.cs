using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>A slow, failing or forbidding API server never reaches the caller, and stopping is bounded.</summary>
public sealed class ApiEventRecorderFailureTests : EventRecorderTest
{
    /// <summary>Far beyond what 100 in-memory calls take, far below what one blocking API call would.</summary>
    private static readonly TimeSpan NoWaiting = TimeSpan.FromSeconds(1);

    [Test]
    public void Recording_never_waits_for_a_slow_api()
    {
        Emulator.ResponseDelay = TimeSpan.FromSeconds(5);
        var recorder = StartRecorder(new ApiEventRecorderOptions { DisposeTimeout = TimeSpan.Zero });

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
            recorder.Record(Warning($"ingress-{i}"));
        }

        Assert.That(clock.Elapsed, Is.LessThan(NoWaiting));
    }

    [Test]
    public async Task Recording_never_throws_and_never_waits_while_the_api_fails()
    {
        Emulator.FailNextRequests(1000, 500, "events");
        var recorder = StartRecorder();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
        }
        Assert.That(clock.Elapsed, Is.LessThan(NoWaiting));

        await WaitUntilAsync(() => recorder.Failed == 20, "every write has failed");
        Assert.That(Log.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(1), "one warning for the outage, not one per event");
        Assert.That(Log.MessagesWith(512), Has.Count.EqualTo(19));
    }

    [Test]
    public async Task Writing_again_after_failures_is_logged_and_a_failed_event_is_recreated_on_its_next_repeat()
    {
        Emulator.FailNextRequests(1, 503, "events");
        var recorder = StartRecorder();
        recorder.Record(Warning("shop"));
        await WaitUntilAsync(() => recorder.Failed == 1, "the first write failed");

        recorder.Record(Warning("shop"));

        await WaitForEventsAsync(events => events.Count == 1, "the repeat creates the event");
        await WaitUntilAsync(() => Log.MessagesWith(514).Count == 1, "the recovery is logged");
        Assert.That(Emulator.CountRequests("patch", "events"), Is.Zero);
    }

    [Test]
    public async Task An_event_that_expired_is_recreated_on_its_next_repeat()
    {
        var recorder = StartRecorder();
        recorder.Record(Warning("shop"));
        var first = (await WaitForEventsAsync(events => events.Count == 1, "the event is written")).Single();
        Emulator.Delete<k8s.Models.Eventsv1Event>("default", first.Metadata.Name);

        recorder.Record(Warning("shop"));
        await WaitUntilAsync(() => recorder.Failed == 1, "the series update finds the event gone");
        recorder.Record(Warning("shop"));

        var second = (await WaitForEventsAsync(events => events.Count == 1, "a new event is written")).Single();
        Assert.That(second.Metadata.Name, Is.Not.EqualTo(first.Metadata.Name));
    }

    [Test]
    public async Task A_forbidden_answer_is_logged_once_not_per_event()
    {
        Emulator.FailNextRequests(5, 403, "events");
        var recorder = StartRecorder();

        for (var i = 0; i < 5; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
        }

        await WaitUntilAsync(() => recorder.Failed == 5, "every write is forbidden");
        Assert.That(Log.MessagesWith(513), Has.Count.EqualTo(1));
        Assert.That(Log.MessagesWith(511).Concat(Log.MessagesWith(512)), Is.Empty);
    }

    [Test]
    public async Task Disposing_writes_what_is_queued()
    {
        var recorder = StartRecorder();
        for (var i = 0; i < 5; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
        }

        await recorder.DisposeAsync();

        Assert.That(recorder.Created, Is.EqualTo(5));
        Assert.That(await EventsAsync(), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Disposing_drops_what_a_hanging_api_has_not_taken_within_the_deadline()
    {
        Emulator.ResponseDelay = TimeSpan.FromSeconds(30);
        var recorder = StartRecorder(new ApiEventRecorderOptions { DisposeTimeout = TimeSpan.FromMilliseconds(200) });
        for (var i = 0; i < 5; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
        }

        var clock = Stopwatch.StartNew();
        await recorder.DisposeAsync();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(recorder.Dropped, Is.EqualTo(5));
        recorder.Record(Warning("after-stop"));
        Assert.That(recorder.Dropped, Is.EqualTo(6), "a stopped recorder drops, it does not throw");
    }
}
