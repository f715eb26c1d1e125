using System.Text;
using k8s;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>What an Event says, and how repeats and bursts are kept from flooding the API.</summary>
public sealed class ApiEventRecorderTests : EventRecorderTest
{
    [Test]
    public async Task A_warning_event_names_the_ingress_its_reason_and_field()
    {
        var shop = Emulator.Apply(Ingress("shop"));
        var recorder = StartRecorder();

        recorder.Record(Warning("shop") with { Uid = shop.Metadata.Uid, ResourceVersion = shop.Metadata.ResourceVersion });

        var written = (await WaitForEventsAsync(events => events.Count == 1, "the event is written")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(written.Metadata.Name, Does.StartWith("shop."));
            Assert.That(written.Metadata.NamespaceProperty, Is.EqualTo("default"));
            Assert.That(written.Regarding.ApiVersion, Is.EqualTo("networking.k8s.io/v1"));
            Assert.That(written.Regarding.Kind, Is.EqualTo("Ingress"));
            Assert.That(written.Regarding.NamespaceProperty, Is.EqualTo("default"));
            Assert.That(written.Regarding.Name, Is.EqualTo("shop"));
            Assert.That(written.Regarding.Uid, Is.EqualTo(shop.Metadata.Uid).And.Not.Empty);
            Assert.That(written.Regarding.ResourceVersion, Is.EqualTo(shop.Metadata.ResourceVersion));
            Assert.That(written.Type, Is.EqualTo("Warning"));
            Assert.That(written.Reason, Is.EqualTo("InvalidHost"));
            Assert.That(written.Action, Is.EqualTo("Reject"));
            Assert.That(written.Note, Is.EqualTo("spec.rules[0].host: not a DNS name"));
            Assert.That(written.ReportingController, Is.EqualTo(Controller));
            Assert.That(written.ReportingInstance, Is.EqualTo(Instance));
            Assert.That(written.EventTime, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
            Assert.That(written.Series, Is.Null);
        });
    }

    [Test]
    public async Task An_event_about_a_cluster_scoped_object_goes_to_the_default_namespace()
    {
        var recorder = StartRecorder();

        recorder.Record(new ObjectEvent(new ObjectRef("IngressClass", "", "nginx"), EventType.Warning, "InvalidParameters", "Reject", "spec.parameters: unsupported"));

        var written = (await WaitForEventsAsync(events => events.Count == 1, "the event is written")).Single();
        Assert.That((written.Regarding.Kind, written.Regarding.NamespaceProperty, written.Regarding.Name), Is.EqualTo(("IngressClass", (string?)null, "nginx")));
    }

    [Test]
    public async Task A_note_is_cut_to_the_api_limit_of_one_kibibyte_without_splitting_a_character()
    {
        var recorder = StartRecorder();

        recorder.Record(Warning("shop", note: new string('é', 3000)));

        var note = (await WaitForEventsAsync(events => events.Count == 1, "the event is written")).Single().Note;
        Assert.That(Encoding.UTF8.GetByteCount(note), Is.LessThanOrEqualTo(1024).And.GreaterThan(1000));
        Assert.That(note, Does.StartWith("éé").And.EndWith("é..."));
    }

    [Test]
    public async Task The_same_problem_reported_50_times_yields_one_event_whose_series_counts_50()
    {
        var recorder = StartRecorder();

        for (var i = 0; i < 50; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            recorder.Record(Warning("shop"));
        }

        var written = (await WaitForEventsAsync(events => events.Count == 1 && events[0].Series?.Count == 50, "the series counts 50")).Single();
        Assert.That(written.Series.LastObservedTime, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
        Assert.That(written.EventTime, Is.EqualTo(Clock.GetUtcNow().AddSeconds(-49).UtcDateTime), "eventTime stays the first occurrence");
        Assert.That(Emulator.CountRequests("create", "events"), Is.EqualTo(1));
        Assert.That(recorder.Folded, Is.EqualTo(49));
    }

    [Test]
    public async Task A_different_note_on_the_same_ingress_is_a_different_event()
    {
        var recorder = StartRecorder();

        recorder.Record(Warning("shop", note: "spec.rules[0].host: bad"));
        recorder.Record(Warning("shop", note: "spec.rules[1].host: bad"));

        await WaitForEventsAsync(events => events.Count == 2, "both events are written");
    }

    [Test]
    public async Task A_repeat_after_the_dedupe_window_creates_a_new_event()
    {
        var recorder = StartRecorder();
        recorder.Record(Warning("shop"));
        await WaitForEventsAsync(events => events.Count == 1, "the first event is written");

        Clock.Advance(TimeSpan.FromMinutes(10));
        recorder.Record(Warning("shop"));

        await WaitForEventsAsync(events => events.Count == 2, "the repeat starts a new event");
        Assert.That(Emulator.CountRequests("patch", "events"), Is.Zero);
    }

    [Test]
    public async Task A_burst_on_one_ingress_is_capped_while_another_ingress_still_gets_its_event()
    {
        var recorder = StartRecorder();

        for (var i = 0; i < 30; i++)
        {
            recorder.Record(Warning("noisy", note: $"problem {i}"));
        }
        recorder.Record(Warning("quiet"));

        var events = await WaitForEventsAsync(events => events.Count == 11, "ten noisy events and the quiet one are written");
        Assert.That(events.Count(e => e.Regarding.Name == "quiet"), Is.EqualTo(1));
        Assert.That(recorder.Dropped, Is.EqualTo(20));
        Assert.That(Log.MessagesWith(510), Has.Count.EqualTo(20).And.All.Contains("rate limit"));
    }

    [Test]
    public async Task A_capped_ingress_gets_one_more_event_every_30_seconds()
    {
        var recorder = StartRecorder();
        for (var i = 0; i < 10; i++)
        {
            recorder.Record(Warning("noisy", note: $"problem {i}"));
        }
        recorder.Record(Warning("noisy", note: "over the burst"));
        Assert.That(recorder.Dropped, Is.EqualTo(1));

        Clock.Advance(TimeSpan.FromSeconds(30));
        recorder.Record(Warning("noisy", note: "after the refill"));
        recorder.Record(Warning("noisy", note: "over again"));

        var events = await WaitForEventsAsync(events => events.Count == 11, "the refilled token is used");
        Assert.That(events.Select(e => e.Note), Has.One.EqualTo("after the refill"));
        Assert.That(recorder.Dropped, Is.EqualTo(2));
    }

    [Test]
    public void The_global_queue_cap_drops_what_does_not_fit()
    {
        Emulator.ResponseDelay = TimeSpan.FromSeconds(30);
        var recorder = StartRecorder(new ApiEventRecorderOptions { QueueCapacity = 5, DisposeTimeout = TimeSpan.Zero });

        for (var i = 0; i < 20; i++)
        {
            recorder.Record(Warning($"ingress-{i}"));
        }

        // One write is in flight (or about to be), five wait; the rest are dropped at once.
        Assert.That(recorder.Dropped, Is.InRange(14, 15));
        Assert.That(Log.MessagesWith(510), Has.All.Contains("queue is full"));
    }
}
