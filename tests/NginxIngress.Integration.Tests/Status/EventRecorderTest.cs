using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Integration.Tests.Informers;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>An <see cref="ApiEventRecorder"/> on a stepping clock, writing through the real client to the emulator.</summary>
public abstract class EventRecorderTest : EmulatedClusterTest
{
    protected const string Controller = "k8s.io/ingress-nginx";
    protected const string Instance = "nginx-ingress-controller-7d9f";

    private readonly List<ApiEventRecorder> _recorders = [];

    protected SteppingClock Clock { get; } = new();

    protected RecordingLogger<ApiEventRecorder> Log { get; private set; } = null!;

    [SetUp]
    public void ResetLog() => Log = new RecordingLogger<ApiEventRecorder>();

    [TearDown]
    public async Task DisposeRecordersAsync()
    {
        foreach (var recorder in _recorders)
        {
            await recorder.DisposeAsync();
        }
        _recorders.Clear();
    }

    protected ApiEventRecorder StartRecorder(ApiEventRecorderOptions? options = null)
    {
        var recorder = new ApiEventRecorder(Client, Controller, Instance, options, Clock, Log);
        _recorders.Add(recorder);
        return recorder;
    }

    protected static ObjectEvent Warning(string ingress, string reason = "InvalidHost", string note = "spec.rules[0].host: not a DNS name") =>
        new(new ObjectRef("Ingress", "default", ingress), EventType.Warning, reason, "Reject", note);

    protected async Task<IList<Eventsv1Event>> EventsAsync(string ns = "default") =>
        (await Client.EventsV1.ListNamespacedEventAsync(ns)).Items;

    /// <summary>Polls the API until the events satisfy <paramref name="condition"/> or the deadline passes.</summary>
    protected async Task<IList<Eventsv1Event>> WaitForEventsAsync(Func<IList<Eventsv1Event>, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var events = await EventsAsync();
            if (condition(events))
            {
                return events;
            }
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}; the API has {events.Count} events: {string.Join(", ", events.Select(e => $"{e.Regarding?.Name} {e.Reason} x{e.Series?.Count ?? 1}"))}.");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
