using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.TestKit;

/// <summary>
/// The test kit's ports: a port handed to one test must stay free until its nginx binds it, whatever else runs
/// on the machine, and a port taken anyway must not fail the test.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PortReservationTests
{
    [Test]
    public void A_free_port_lies_outside_the_kernels_ephemeral_range()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(bound => int.Parse(bound, CultureInfo.InvariantCulture)).ToArray();

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.On(IPAddress.Loopback)).ToList();

        Assert.That(ports, Has.None.InRange(range[0], range[1]), $"ephemeral range {range[0]}-{range[1]}");
        Assert.That(ports, Is.Unique);
    }

    [Test]
    public async Task A_free_port_stays_reserved_against_other_processes()
    {
        var port = FreePort.On(IPAddress.Loopback);
        var lockFile = Path.Combine(Path.GetTempPath(), "nginx-ingress-test-ports", port.ToString(CultureInfo.InvariantCulture));

        // flock(1) takes the same kind of lock FreePort holds; --nonblock fails at once while it is held.
        using var other = Process.Start(new ProcessStartInfo("flock", ["--nonblock", lockFile, "true"]) { UseShellExecute = false })!;
        await other.WaitForExitAsync();

        Assert.That(other.ExitCode, Is.EqualTo(1), "another process cannot take the reservation");
    }

    [Test]
    public async Task Nginx_moves_to_new_ports_when_its_port_is_taken_before_it_binds()
    {
        await using var nginx = NginxFixture.Create(LoopbackAddresses.Next());
        var renderedEarly = nginx.Settings;
        var taken = nginx.HttpPort;
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(nginx.Address, taken));
        squatter.Listen();

        await nginx.ApplyAsync(ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, renderedEarly).Rendered);
        Assert.That(nginx.HttpPort, Is.Not.EqualTo(taken), "nginx started on a new port");
        Assert.That(nginx.Settings.HttpPort, Is.EqualTo(nginx.HttpPort), "settings for the next render name the new port");

        // A config rendered with the settings from before the move still reloads onto the new ports.
        var next = ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, renderedEarly with { WorkerConnections = 512 }).Rendered;
        await nginx.ApplyAsync(next);
        Assert.That(nginx.Version, Is.EqualTo(next.Version));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var response = await http.GetAsync(nginx.BaseUri);
        Assert.That(response.Headers.Server.ToString(), Is.EqualTo("nginx"), "nginx answers on the new port");
    }
}
