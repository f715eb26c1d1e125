using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;
using static NginxIngress.Integration.Tests.Stream.StreamYaml;

namespace NginxIngress.Integration.Tests.Stream;

/// <summary>
/// <c>nginx-ingress run --manifests DIR --tcp-services-configmap …</c> end to end: the controller serves the ConfigMap's
/// TCP service, and follows its Service's endpoints though no Ingress names that Service.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StreamRunModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Run_serves_a_tcp_service_and_follows_its_endpoints_to_a_new_pod()
    {
        using var manifests = new ManifestFolder();
        await using var first = TcpEchoBackend.Start(LoopbackAddresses.Next());
        await using var second = TcpEchoBackend.Start(LoopbackAddresses.Next());
        var port = FreePort.On(IPAddress.Loopback);
        var tcpServices = new ObjectKey(Namespace, "tcp-services");
        manifests.Write("tcp-services.yaml", ConfigMap("tcp-services", new Dictionary<string, string> { [port.ToString(CultureInfo.InvariantCulture)] = "db/postgres:pg" }));
        manifests.Write("postgres.yaml", Service("postgres", 5432, "pg", first.EndPoint));
        await using var controller = await RunningController.StartAsync(manifests.Path, configure: settings => settings with
        {
            Controller = settings.Controller with { TcpServicesConfigMap = tcpServices },
            AlwaysRelevant = [tcpServices],
        });
        var listener = new IPEndPoint(IPAddress.Loopback, port);

        await RunningController.EventuallyAsync(async () => await TryEchoAsync(listener) && first.ConnectionCount > 0, Patience, "the first pod answers through nginx");
        // The pod moves: only the EndpointSlice changes, which no Ingress names.
        manifests.Write("postgres.yaml", Service("postgres", 5432, "pg", second.EndPoint));

        await RunningController.EventuallyAsync(async () => await TryEchoAsync(listener) && second.ConnectionCount > 0, Patience, "the new pod answers through nginx");
    }

    private static async Task<bool> TryEchoAsync(IPEndPoint target)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(target, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("ping"u8.ToArray(), timeout.Token);
            var buffer = new byte[4];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token);
                if (read == 0)
                {
                    return false;
                }
                total += read;
            }
            return Encoding.ASCII.GetString(buffer) == "ping";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
