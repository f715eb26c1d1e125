using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>The first list, the watch that follows it, and what the sink sees: the informer's normal life.</summary>
public sealed class ResourceInformerSyncTests : InformerTest
{
    [Test]
    public async Task First_list_is_paginated_and_delivered_as_one_Replace_then_Synced()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            Emulator.Apply(Ingress(name));
        }
        bool? syncedDuringReplace = null;
        Sink.OnCall = call => syncedDuringReplace ??= call.Operation == "Replace" ? Informer.HasSynced : null;

        StartInformer(QuickOptions with { PageSize = 2 });
        await Informer.Synced.WaitAsync(Deadline);

        Assert.That(IngressRequests("list"), Is.EqualTo(3), "five objects in pages of two");
        Assert.That(Sink.Calls, Has.Count.EqualTo(1));
        Assert.That(Sink.Calls[0].Operation, Is.EqualTo("Replace"));
        Assert.That(Sink.Calls[0].Names, Is.EquivalentTo(new[] { "default/a", "default/b", "default/c", "default/d", "default/e" }));
        Assert.That(syncedDuringReplace, Is.False, "Synced must not complete before the sink has the full list");
        Assert.That(Informer.HasSynced, Is.True);
    }

    [Test]
    public async Task Listed_objects_carry_the_apiVersion_and_kind_the_server_leaves_out()
    {
        Emulator.Apply(Ingress("web"));

        StartInformer();
        await Informer.Synced.WaitAsync(Deadline);

        var web = Sink.View["default/web"];
        Assert.That((web.ApiVersion, web.Kind), Is.EqualTo(("networking.k8s.io/v1", "Ingress")));
    }

    [Test]
    public async Task Watch_starts_at_the_list_resourceVersion_with_bookmarks_and_a_timeout_in_the_configured_range()
    {
        Emulator.Apply(Ingress("web"));
        var listVersion = Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        StartInformer(QuickOptions with { MinWatchTimeout = TimeSpan.FromSeconds(40), MaxWatchTimeout = TimeSpan.FromSeconds(50) });
        await WaitForWatchCountAsync(1);

        var watch = IngressWatchQueries()[0];
        Assert.That(watch["resourceVersion"], Is.EqualTo(listVersion));
        Assert.That(watch["allowWatchBookmarks"], Is.EqualTo("true"));
        Assert.That(int.Parse(watch["timeoutSeconds"]!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(40, 50));
    }

    [Test]
    public async Task Watch_events_reach_the_sink_in_order()
    {
        StartInformer();
        await Informer.Synced.WaitAsync(Deadline);
        await WaitForWatchCountAsync(1);

        Emulator.Apply(Ingress("web", host: "one.test"));
        Emulator.Apply(Ingress("web", host: "two.test"));
        Emulator.Apply(Ingress("api"));
        Emulator.Delete<V1Ingress>("default", "web");
        await Sink.WaitForNamesAsync("default/api");

        Assert.That(Sink.Calls.Skip(1).Select(call => call.ToString()), Is.EqualTo(new[]
        {
            "Upsert(default/web)", "Upsert(default/web)", "Upsert(default/api)", "Delete(default/web)",
        }));
        // The resume point moves just after the sink call, so wait for it rather than read it at once.
        var latest = Emulator.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilAsync(() => Informer.ResourceVersion == latest, "the resume point is the last event's resourceVersion");
    }

    [Test]
    public async Task A_sink_that_throws_does_not_stop_the_informer()
    {
        Emulator.Apply(Ingress("web"));
        Sink.ThrowWhen = call => call.Operation == "Replace" || call.Names.Contains("default/bad");

        StartInformer();
        await Informer.Synced.WaitAsync(Deadline);
        await WaitForWatchCountAsync(1);
        Emulator.Apply(Ingress("bad"));
        Emulator.Apply(Ingress("good"));
        await Sink.WaitForNamesAsync("default/bad", "default/good", "default/web");

        Assert.That(Log.MessagesWith(408), Has.Count.EqualTo(2), "both refusals are logged");
        Assert.That(Run.IsCompleted, Is.False);
        Assert.That(IngressRequests("list"), Is.EqualTo(1), "a store failure is not a reason to relist");
    }

    /// <summary>
    /// Pitfall 9: cancelling a watch in the middle of a read tears the stream down under the client, which surfaces as
    /// an IOException (and, later, possibly an unobserved task exception). At shutdown that is noise: RunAsync ends
    /// without throwing and the informer logs no warning or error about it.
    /// </summary>
    [Test]
    public async Task Cancelling_in_the_middle_of_a_watch_ends_RunAsync_quietly()
    {
        var stop = new CancellationTokenSource();
        StartInformer(stop: stop);
        await Informer.Synced.WaitAsync(Deadline);
        await WaitForWatchCountAsync(1);

        await stop.CancelAsync();

        Assert.That(async () => await Run.WaitAsync(Deadline), Throws.Nothing);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(Log.Entries.Where(entry => entry.Level >= LogLevel.Warning).Select(entry => entry.Message), Is.Empty);
    }

    [Test]
    public async Task Synced_is_cancelled_when_the_informer_stops_before_its_first_list()
    {
        Emulator.FailNextRequests(1000, 503);
        var stop = new CancellationTokenSource();
        StartInformer(stop: stop);
        await WaitUntilAsync(() => IngressRequests("list") >= 2, "the list was retried");

        await stop.CancelAsync();
        await Run.WaitAsync(Deadline);

        Assert.That(Informer.Synced.IsCanceled, Is.True, "a waiter for Synced must not hang after shutdown");
        Assert.That(Informer.HasSynced, Is.False);
    }
}
