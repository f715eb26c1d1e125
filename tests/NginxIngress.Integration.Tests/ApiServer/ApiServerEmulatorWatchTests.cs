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
}
