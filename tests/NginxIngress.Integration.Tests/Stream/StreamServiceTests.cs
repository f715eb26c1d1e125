using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;
using NginxIngress.TestKit.Scenarios;
using static NginxIngress.Integration.Tests.Stream.StreamYaml;

namespace NginxIngress.Integration.Tests.Stream;

/// <summary>
/// TCP and UDP services through real nginx: entries of the tcp-services and udp-services ConfigMaps become listeners
/// that real clients reach real echo backends through, with the PROXY protocol both ways, and a bad entry is
/// skipped while the good ones serve.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StreamServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ControllerOptions Options = ControllerOptions.Default with
    {
        TcpServicesConfigMap = new ObjectKey(Namespace, "tcp-services"),
        UdpServicesConfigMap = new ObjectKey(Namespace, "udp-services"),
    };

    [Test]
    public async Task A_tcp_client_gets_its_bytes_echoed_through_the_listener()
    {
        await using var backend = TcpEchoBackend.Start(LoopbackAddresses.Next());
        await using var cluster = LoopbackCluster.Create(options: Options);
        var port = FreePort.On(cluster.Nginx.Address);
        cluster.Apply(Service("postgres", 5432, "pg", backend.EndPoint) + ConfigMap("tcp-services", new Dictionary<string, string> { [Text(port)] = "db/postgres:5432" }));
        await cluster.ReconcileAsync();

        var echoed = await ExchangeTcpAsync(new IPEndPoint(cluster.Nginx.Address, port), "hello over tcp\n");

        Assert.That(echoed, Is.EqualTo("hello over tcp\n"), cluster.Describe());
        Assert.That(backend.ConnectionCount, Is.EqualTo(1));
        Assert.That(backend.ProxyHeaders, Is.Empty, "no PROXY header unless the entry asks for one");
    }

    [Test]
    public async Task A_udp_datagram_is_echoed_through_the_listener()
    {
        await using var backend = UdpEchoBackend.Start(LoopbackAddresses.Next());
        await using var cluster = LoopbackCluster.Create(options: Options);
        var port = FreePort.On(cluster.Nginx.Address);
        cluster.Apply(Service("dns", 53, "dns", backend.EndPoint, protocol: "UDP") + ConfigMap("udp-services", new Dictionary<string, string> { [Text(port)] = "db/dns:dns" }));
        await cluster.ReconcileAsync();

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var timeout = new CancellationTokenSource(Patience);
        await client.SendAsync("ping over udp"u8.ToArray(), new IPEndPoint(cluster.Nginx.Address, port), timeout.Token);
        var answer = await client.ReceiveAsync(timeout.Token);

        Assert.That(Encoding.ASCII.GetString(answer.Buffer), Is.EqualTo("ping over udp"), cluster.Describe());
        Assert.That(answer.RemoteEndPoint, Is.EqualTo(new IPEndPoint(cluster.Nginx.Address, port)), "the answer comes from nginx's listener, not the backend");
        Assert.That(backend.DatagramCount, Is.EqualTo(1));
    }

    [Test]
    public async Task The_backend_sees_a_proxy_protocol_header_naming_the_client_when_the_entry_sends_proxy()
    {
        await using var backend = TcpEchoBackend.Start(LoopbackAddresses.Next());
        await using var cluster = LoopbackCluster.Create(options: Options);
        var port = FreePort.On(cluster.Nginx.Address);
        cluster.Apply(Service("git", 22, "ssh", backend.EndPoint) + ConfigMap("tcp-services", new Dictionary<string, string> { [Text(port)] = "db/git:ssh::PROXY" }));
        await cluster.ReconcileAsync();
        var clientAddress = LoopbackAddresses.Next();

        var (echoed, clientPort) = await ExchangeTcpFromAsync(clientAddress, new IPEndPoint(cluster.Nginx.Address, port), "SSH-2.0-test\r\n");

        Assert.That(echoed, Is.EqualTo("SSH-2.0-test\r\n"), "the header is nginx's to the backend, not echoed to the client");
        Assert.That(backend.ProxyHeaders, Is.EqualTo(new[] { $"PROXY TCP4 {clientAddress} {cluster.Nginx.Address} {clientPort} {port}" }), cluster.Describe());
    }

    [Test]
    public async Task A_listener_that_decodes_proxy_protocol_takes_the_header_off_before_the_backend()
    {
        await using var backend = TcpEchoBackend.Start(LoopbackAddresses.Next());
        await using var cluster = LoopbackCluster.Create(options: Options);
        var port = FreePort.On(cluster.Nginx.Address);
        cluster.Apply(Service("git", 22, "ssh", backend.EndPoint) + ConfigMap("tcp-services", new Dictionary<string, string> { [Text(port)] = "db/git:22:PROXY:PROXY" }));
        await cluster.ReconcileAsync();
        var balancer = LoopbackAddresses.Next();

        // A load balancer in front of nginx speaks first, for the client it accepted.
        var (echoed, balancerPort) = await ExchangeTcpFromAsync(balancer, new IPEndPoint(cluster.Nginx.Address, port), "PROXY TCP4 192.0.2.10 198.51.100.1 40000 22\r\nhello\n");

        Assert.That(echoed, Is.EqualTo("hello\n"), cluster.Describe());
        // Without set_real_ip_from in the stream block (ingress-nginx sets none either), nginx's own header names the
        // peer that connected to it, not the client the balancer declared.
        Assert.That(backend.ProxyHeaders, Is.EqualTo(new[] { $"PROXY TCP4 {balancer} {cluster.Nginx.Address} {balancerPort} {port}" }));
    }

    [Test]
    public async Task A_bad_entry_is_skipped_and_reported_while_the_good_one_serves()
    {
        await using var backend = TcpEchoBackend.Start(LoopbackAddresses.Next());
        await using var cluster = LoopbackCluster.Create(options: Options);
        var (good, bad) = (FreePort.On(cluster.Nginx.Address), FreePort.On(cluster.Nginx.Address));
        cluster.Apply(Service("postgres", 5432, "pg", backend.EndPoint) + ConfigMap("tcp-services", new Dictionary<string, string>
        {
            [Text(good)] = "db/postgres:5432",
            [Text(bad)] = "db/postgres:5432;",
        }));
        var result = await cluster.ReconcileAsync();

        Assert.That(await ExchangeTcpAsync(new IPEndPoint(cluster.Nginx.Address, good), "still served\n"), Is.EqualTo("still served\n"), cluster.Describe());
        Assert.That(result.Problems.Select(problem => problem.ToString()), Has.One.StartWith($"error: ConfigMap ingress-nginx/tcp-services data[{bad}]: \"db/postgres:5432;\" is not valid"));
        var refused = Assert.ThrowsAsync<SocketException>(async () => await ExchangeTcpAsync(new IPEndPoint(cluster.Nginx.Address, bad), "x"));
        Assert.That(refused!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused), "nginx does not listen on the bad entry's port");
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> ExchangeTcpAsync(IPEndPoint target, string message) =>
        (await ExchangeTcpFromAsync(IPAddress.Loopback, target, message)).Echoed;

    /// <summary>Connects from <paramref name="source"/>, sends the message, and reads back as many bytes as it sent (fewer if the peer closes).</summary>
    private static async Task<(string Echoed, int ClientPort)> ExchangeTcpFromAsync(IPAddress source, IPEndPoint target, string message)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Bind(new IPEndPoint(source, 0));
        await client.ConnectAsync(target, timeout.Token);
        var bytes = Encoding.ASCII.GetBytes(message);
        await client.SendAsync(bytes, timeout.Token);
        var expected = message.StartsWith("PROXY ", StringComparison.Ordinal) ? bytes.Length - (message.IndexOf("\r\n", StringComparison.Ordinal) + 2) : bytes.Length;
        var received = new byte[expected];
        var total = 0;
        while (total < expected)
        {
            var read = await client.ReceiveAsync(received.AsMemory(total), timeout.Token);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return (Encoding.ASCII.GetString(received, 0, total), ((IPEndPoint)client.LocalEndPoint!).Port);
    }
}
