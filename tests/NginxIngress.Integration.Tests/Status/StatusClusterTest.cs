using NginxIngress.Core.Settings;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>An emulated cluster plus replicas that elect a leader on one Lease with short, test-sized timings.</summary>
public abstract class StatusClusterTest : EmulatedClusterTest
{
    protected const string LeaseName = "ingress-nginx-leader";

    /// <summary>Whole seconds: the Lease records its duration in seconds, and the library truncates.</summary>
    protected static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    protected static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(1);

    protected static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>Room for a shared, loaded CI machine on top of each protocol bound.</summary>
    protected static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    private readonly List<StatusReplica> _replicas = [];
    private string _kubeconfigDirectory = "";

    protected string Kubeconfig { get; private set; } = "";

    [SetUp]
    public void WriteReplicaKubeconfig()
    {
        _kubeconfigDirectory = Directory.CreateTempSubdirectory("status-").FullName;
        Kubeconfig = Path.Combine(_kubeconfigDirectory, "kubeconfig");
        Emulator.WriteKubeconfig(Kubeconfig);
    }

    [TearDown]
    public async Task StopReplicasAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        _replicas.Clear();
        Directory.Delete(_kubeconfigDirectory, recursive: true);
    }

    protected static LeaseElectionOptions Election(string identity) => new()
    {
        Namespace = "ingress-nginx",
        ElectionId = LeaseName,
        Identity = identity,
        LeaseDuration = LeaseDuration,
        RenewDeadline = RenewDeadline,
        RetryPeriod = RetryPeriod,
    };

    /// <summary>A started replica; disposed at teardown.</summary>
    protected async Task<StatusReplica> StartReplicaAsync(string identity, IngressStatusOptions? status = null, ControllerOptions? controller = null)
    {
        var replica = new StatusReplica(Kubeconfig, Election(identity), status, controller);
        _replicas.Add(replica);
        await replica.StartAsync(Deadline);
        return replica;
    }

    /// <summary>How long until <paramref name="condition"/> holds, failing beyond <paramref name="bound"/>.</summary>
    protected static async Task<TimeSpan> TimeUntilAsync(Func<bool> condition, TimeSpan bound, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > bound)
            {
                Assert.Fail($"{what} did not happen within {bound.TotalSeconds:0.##} s.");
            }
            await Task.Delay(10, CancellationToken.None);
        }
        return clock.Elapsed;
    }
}
