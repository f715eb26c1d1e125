using System.Net;
using k8s;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// The reload economy of <c>run --manifests</c>, counted: a burst of new Ingress files becomes a handful of reloads,
/// and a change that cannot alter nginx.conf (the same bytes written again, a Secret nothing names) becomes none.
/// The bounded, deterministic counterpart of the controller benchmark's burst (issue 8).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BurstTests
{
    private const int BurstSize = 300;
    private const int MaxBurstReloads = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Services = ["web", "api", "shop"];

    private ManifestFolder _manifests = null!;
    private readonly List<EchoBackend> _backends = [];

    [SetUp]
    public async Task StartBackends()
    {
        _manifests = new ManifestFolder();
        foreach (var service in Services)
        {
            var backend = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, service, service + "-1");
            _backends.Add(backend);
            _manifests.WriteService(service, new IPEndPoint(backend.Address, backend.Port));
        }
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
    }

    [TearDown]
    public async Task StopBackends()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
        _backends.Clear();
        _manifests.Dispose();
    }

    [Test]
    public async Task A_burst_of_300_new_Ingress_files_is_all_served_after_at_most_5_reloads()
    {
        await using var controller = await StartServingAsync();
        var reloadsBefore = controller.Loop.Reloads.Count;

        var hosts = WriteBurst();
        await WaitUntilAllServedAsync(controller, hosts);
        // The reload that made the last of them live has been verified and counted once nginx serves its version.
        (int Count, string? Version) reloads = default;
        await RunningController.EventuallyAsync(async () =>
        {
            reloads = controller.Loop.Reloads;
            return reloads.Version is { } version && await controller.ServedVersionAsync() == version;
        }, Patience, "the burst's last reload is counted");

        TestContext.Out.WriteLine($"{BurstSize} new Ingress files cost {reloads.Count - reloadsBefore} reloads");
        Assert.That(reloads.Count - reloadsBefore, Is.InRange(1, MaxBurstReloads), $"{BurstSize} new Ingress files, written back to back");
    }

    [Test]
    public async Task Writing_every_file_again_with_the_same_content_reloads_nothing()
    {
        WriteBurst();
        await using var controller = await StartServingAsync();
        var (reloadsBefore, unchangedBefore) = (controller.Loop.Reloads.Count, controller.Loop.Unchanged);
        var loadBefore = controller.Manifests.Latest;

        foreach (var file in Directory.EnumerateFiles(_manifests.Path, "*.yaml").ToList())
        {
            // Written aside and renamed over, as editors and GitOps tools save: a write in place can be read half
            // done, and an Ingress missing for a moment is a real change that costs its own reloads.
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, File.ReadAllText(file));
            File.Move(temporary, file, overwrite: true);
        }
        // Every file is new on disk, so the folder is re-read and every object parsed anew. Once the store holds
        // that load, one reconcile on it shows whether it renders anything new.
        const string Probe = "burst-0000";
        await RunningController.EventuallyAsync(() => Task.FromResult(
            controller.Manifests.Latest is { } load && !ReferenceEquals(load, loadBefore)
            && ReferenceEquals(controller.Store.Capture().Ingresses[new ObjectKey("default", Probe)], load.Snapshot.Ingresses[new ObjectKey("default", Probe)])),
            Patience, "the rewritten folder is read into the store");
        await ReconcileOnceMoreAsync(controller, reloadsBefore, unchangedBefore);

        Assert.That(controller.Loop.Reloads.Count, Is.EqualTo(reloadsBefore));
    }

    [Test]
    public async Task A_Secret_that_no_Ingress_names_reloads_nothing()
    {
        await using var controller = await StartServingAsync();
        var (reloadsBefore, unchangedBefore) = (controller.Loop.Reloads.Count, controller.Loop.Unchanged);

        var certificate = TestCertificates.SelfSigned("unused.example.com", ["unused.example.com"]);
        _manifests.Write("unused-tls.yaml", KubernetesYaml.Serialize(TestCertificates.Secret("unused-tls", certificate.CertificatePem, certificate.PrivateKeyPem)));
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Store.Capture().Secrets.ContainsKey(new ObjectKey("default", "unused-tls"))),
            Patience, "the Secret is read into the store");
        await ReconcileOnceMoreAsync(controller, reloadsBefore, unchangedBefore);

        Assert.That(controller.Loop.Reloads.Count, Is.EqualTo(reloadsBefore));
    }

    private async Task<RunningController> StartServingAsync()
    {
        var controller = await RunningController.StartAsync(_manifests.Path);
        try
        {
            await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK
                && controller.Loop.Reloads.Version is { } version && await controller.ServedVersionAsync() == version, Patience, "the first config is live and counted");
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes <see cref="BurstSize"/> Ingress files back to back, each a new host on one of the Services; returns the hosts.</summary>
    private List<string> WriteBurst()
    {
        var hosts = new List<string>(BurstSize);
        for (var i = 0; i < BurstSize; i++)
        {
            var host = $"burst-{i:D4}.example.com";
            _manifests.WriteIngress($"burst-{i:D4}", host, "/", Services[i % Services.Length]);
            hosts.Add(host);
        }
        return hosts;
    }

    /// <summary>Asks each host in turn until every one answers 200 through nginx; a host not served yet ends the pass.</summary>
    private static async Task WaitUntilAllServedAsync(RunningController controller, IReadOnlyList<string> hosts)
    {
        var served = 0;
        await RunningController.EventuallyAsync(async () =>
        {
            while (served < hosts.Count)
            {
                using var response = await controller.GetAsync(hosts[served], "/");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
                served++;
            }
            return true;
        }, Patience, $"all {hosts.Count} hosts answer 200");
    }

    /// <summary>
    /// Wakes the loop and waits for the reconcile that follows. A change that woke it on its own is in the same
    /// (coalesced) reconcile, so either way the loop has looked at the store as it is now, and either rendered
    /// what nginx serves or reloaded.
    /// </summary>
    private static Task ReconcileOnceMoreAsync(RunningController controller, int reloadsBefore, int unchangedBefore)
    {
        controller.Loop.RetryNow();
        return RunningController.EventuallyAsync(
            () => Task.FromResult(controller.Loop.Unchanged > unchangedBefore || controller.Loop.Reloads.Count > reloadsBefore),
            Patience, "a reconcile after the change");
    }
}
