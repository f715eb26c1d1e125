using k8s;
using k8s.Models;
using NginxIngress.Core.Settings;
using NginxIngress.Integration.Tests.Informers;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Kubernetes.Status;
using NginxIngress.Kubernetes.Store;
using NginxIngress.TestKit.ApiServer;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>
/// One controller replica as far as status goes: its own API client, informers and store, a <see cref="LeaseElection"/>
/// and, when given status options, an <see cref="IngressStatusWriter"/>. Its client counts the status writes it sends,
/// so a test can tell which replica wrote what the emulator's request log shows.
/// </summary>
public sealed class StatusReplica : IAsyncDisposable
{
    private readonly k8s.Kubernetes _client;
    private readonly StatusWriteCounter _counter = new();
    private readonly ClusterInformers _informers;
    private readonly CancellationTokenSource _electionStop = new();
    private readonly CancellationTokenSource _writerStop = new();
    private readonly CancellationTokenSource _informerStop = new();
    private Task _electionRun = Task.CompletedTask;
    private Task _writerRun = Task.CompletedTask;
    private Task _informerRun = Task.CompletedTask;

    public StatusReplica(string kubeconfig, LeaseElectionOptions election, IngressStatusOptions? status = null, ControllerOptions? controller = null)
    {
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), _counter);
        Election = new LeaseElection(_client, election, ElectionLog);
        var source = Store.AddSource("api");
        _informers = new ClusterInformers(_client, new ClusterInformerSinks
        {
            Ingresses = new StoreSink<V1Ingress>(source),
            IngressClasses = new StoreSink<V1IngressClass>(source),
            Services = new StoreSink<V1Service>(source),
            EndpointSlices = new StoreSink<V1EndpointSlice>(source),
            Secrets = new StoreSink<V1Secret>(source),
            ConfigMaps = new StoreSink<V1ConfigMap>(source),
        }, watchNamespace: null, new ResourceInformerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200) });
        Writer = status is null ? null : new IngressStatusWriter(_client, Store, Election, controller ?? ControllerOptions.Default, status, WriterLog);
    }

    public RecordingLogger<LeaseElection> ElectionLog { get; } = new();

    public RecordingLogger<IngressStatusWriter> WriterLog { get; } = new();

    public LeaseElection Election { get; }

    public ObjectStore Store { get; } = new();

    public IngressStatusWriter? Writer { get; }

    /// <summary>Status-subresource writes (PUT or PATCH on <c>…/status</c>) this replica sent and the server accepted.</summary>
    public int StatusWrites => _counter.Count;

    public bool IsLeader => Election.IsLeader;

    /// <summary>Starts the election; the informers and writer too when this replica writes status.</summary>
    public async Task StartAsync(TimeSpan deadline)
    {
        _electionRun = Election.RunAsync(_electionStop.Token);
        if (Writer is not null)
        {
            _informerRun = _informers.RunAsync(_informerStop.Token);
            await _informers.Synced.WaitAsync(deadline);
            _writerRun = Writer.RunAsync(_writerStop.Token);
        }
    }

    /// <summary>Stops the writer while the election still runs, the order the host stops them in.</summary>
    public async Task StopWriterAsync(TimeSpan deadline)
    {
        await _writerStop.CancelAsync();
        await _writerRun.WaitAsync(deadline);
    }

    /// <summary>Stops campaigning without releasing the Lease, as a killed process would leave it.</summary>
    public async Task StopElectionAsync(TimeSpan deadline)
    {
        await _electionStop.CancelAsync();
        await _electionRun.WaitAsync(deadline);
    }

    public async ValueTask DisposeAsync()
    {
        await _writerStop.CancelAsync();
        await _electionStop.CancelAsync();
        await _informerStop.CancelAsync();
        await Task.WhenAll(_writerRun, _electionRun, _informerRun).WaitAsync(TimeSpan.FromSeconds(10));
        _client.Dispose();
        _writerStop.Dispose();
        _electionStop.Dispose();
        _informerStop.Dispose();
    }
}
