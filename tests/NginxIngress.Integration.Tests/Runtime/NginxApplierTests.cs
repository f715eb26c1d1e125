using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Runtime;

/// <summary>A config can pass <c>nginx -t</c> and still fail to load; the applier then puts the last good one back and proves nginx serves it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class NginxApplierTests
{
    [Test]
    public async Task Config_that_fails_to_load_is_rolled_back_and_the_rollback_is_verified()
    {
        var work = Directory.CreateTempSubdirectory("nginx-ingress-applier-").FullName;
        var statusPort = FreePort.On(IPAddress.Loopback);
        var good = Render(FreePort.On(IPAddress.Loopback), statusPort);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var unloadable = Render(((IPEndPoint)squatter.LocalEndPoint!).Port, statusPort);
        Assert.That((await new NginxBinaryValidator("nginx", Path.Combine(work, "validate")).ValidateAsync(unloadable, CancellationToken.None)).IsValid,
            Is.True, "the premise: nginx -t does not bind ports, so it passes this config");

        await using var nginx = new NginxChildProcess("nginx", Path.Combine(work, "live"), NullLogger<NginxChildProcess>.Instance);
        using var probe = new ConfigVersionProbe(statusPort);
        var applier = new NginxApplier(Path.Combine(work, "live"), nginx, probe, NullLogger<NginxApplier>.Instance, TimeSpan.FromSeconds(3));
        Assert.That(await applier.ApplyAsync(good, CancellationToken.None), Is.EqualTo(ApplyOutcome.Applied));

        var outcome = await applier.ApplyAsync(unloadable, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ApplyOutcome.RolledBack));
        Assert.That(await probe.CurrentVersionAsync(CancellationToken.None), Is.EqualTo(good.Version), "nginx serves the last good config");
        Assert.That(applier.AppliedVersion, Is.EqualTo(good.Version), "and the applier knows it");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(work, "live", "nginx.conf")), Is.EqualTo(good.Text), "a restart of nginx would load the last good config too");
        await nginx.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    /// <summary>
    /// The last good nginx.conf waits on disk, not in the controller's memory, so each rollback must leave it there for
    /// the next: two bad configs in a row both roll back, and a good one after them goes live with nothing left over.
    /// </summary>
    [Test]
    public async Task Every_failed_load_in_a_row_rolls_back_to_the_last_good_config()
    {
        var work = Directory.CreateTempSubdirectory("nginx-ingress-applier-").FullName;
        var live = Path.Combine(work, "live");
        var statusPort = FreePort.On(IPAddress.Loopback);
        var good = Render(FreePort.On(IPAddress.Loopback), statusPort);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var squatted = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var unloadable = Render(squatted, statusPort);
        var unloadableToo = Render(squatted, statusPort, workerProcesses: "2");
        await using var nginx = new NginxChildProcess("nginx", live, NullLogger<NginxChildProcess>.Instance);
        using var probe = new ConfigVersionProbe(statusPort);
        var applier = new NginxApplier(live, nginx, probe, NullLogger<NginxApplier>.Instance, TimeSpan.FromSeconds(3));
        Assert.That(await applier.ApplyAsync(good, CancellationToken.None), Is.EqualTo(ApplyOutcome.Applied));

        foreach (var bad in new[] { unloadable, unloadableToo })
        {
            Assert.That(await applier.ApplyAsync(bad, CancellationToken.None), Is.EqualTo(ApplyOutcome.RolledBack));
            Assert.That(await probe.CurrentVersionAsync(CancellationToken.None), Is.EqualTo(good.Version), "nginx serves the last good config");
            Assert.That(await File.ReadAllTextAsync(Path.Combine(live, "nginx.conf")), Is.EqualTo(good.Text), "and it is the one on disk");
        }
        var next = Render(FreePort.On(IPAddress.Loopback), statusPort, workerProcesses: "2");
        Assert.That(await applier.ApplyAsync(next, CancellationToken.None), Is.EqualTo(ApplyOutcome.Applied), "verified: nginx answered its version");
        Assert.That(File.Exists(Path.Combine(live, NginxApplier.LastGoodFile)), Is.False, "no older config is kept once a newer one is verified");
        await nginx.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    private static RenderedConfig Render(int httpPort, int statusPort, string workerProcesses = "1") =>
        ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, NginxSettings.Default with
        {
            HttpPort = httpPort,
            HttpsPort = FreePort.On(IPAddress.Loopback),
            BindAddress = IPAddress.Loopback,
            Ipv6 = false,
            StatusPort = statusPort,
            AccessLog = "off",
            WorkerProcesses = workerProcesses,
        }).Rendered;
}
