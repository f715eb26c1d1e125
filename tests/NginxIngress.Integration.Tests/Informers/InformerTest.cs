using System.Collections.Specialized;
using System.Web;
using k8s.Models;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>
/// An Ingress informer running against a fresh emulator through the real KubernetesClient. The informer is
/// stopped after each test, before the emulator goes away.
/// </summary>
public abstract class InformerTest : EmulatedClusterTest
{
    /// <summary>Short enough that retries and reconnects happen within a test, long enough not to trip by accident.</summary>
    protected static readonly ResourceInformerOptions QuickOptions = new()
    {
        MinWatchTimeout = TimeSpan.FromSeconds(60),
        MaxWatchTimeout = TimeSpan.FromSeconds(60),
        StallTimeout = TimeSpan.FromSeconds(30),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly List<(CancellationTokenSource Stop, Task Run)> _running = [];

    protected RecordingSink<V1Ingress> Sink { get; private set; } = null!;

    protected RecordingLogger<ResourceInformer<V1Ingress>> Log { get; private set; } = null!;

    protected ResourceInformer<V1Ingress> Informer { get; private set; } = null!;

    protected Task Run { get; private set; } = Task.CompletedTask;

    [TearDown]
    public async Task StopInformersAsync()
    {
        foreach (var (stop, run) in _running)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Deadline);
            stop.Dispose();
        }
        _running.Clear();
    }

    /// <summary>Creates the informer and starts its loop; the test stops it through <paramref name="stop"/> or at teardown.</summary>
    protected void StartInformer(ResourceInformerOptions? options = null, string? watchNamespace = null, CancellationTokenSource? stop = null)
    {
        Log = new RecordingLogger<ResourceInformer<V1Ingress>>();
        Informer = new ResourceInformer<V1Ingress>(Client, new IngressKind(watchNamespace), Sink, options ?? QuickOptions, Log);
        stop ??= new CancellationTokenSource();
        Run = Informer.RunAsync(stop.Token);
        _running.Add((stop, Run));
    }

    [SetUp]
    public void NewSink() => Sink = new RecordingSink<V1Ingress>();

    protected int IngressRequests(string verb) => Emulator.CountRequests(verb, "ingresses");

    /// <summary>The query of every Ingress watch request so far, in order.</summary>
    protected IReadOnlyList<NameValueCollection> IngressWatchQueries() =>
        [.. Emulator.Requests.Where(r => r.Verb == "watch" && r.Resource == "ingresses").Select(r => HttpUtility.ParseQueryString(r.Query))];

    protected Task WaitForWatchCountAsync(int count) =>
        WaitUntilAsync(() => IngressRequests("watch") >= count, $"{count} Ingress watches were opened");
}
