using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s.Models;
using NginxIngress.TestKit.ApiServer;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// Two real <c>nginx-ingress run --kubeconfig</c> processes against the API emulator, as two replicas of a
/// Deployment: both serve traffic, exactly one writes status, and when it is killed the other takes over
/// within the lease duration.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ControllerProcessTests
{
    /// <summary>--election-ttl: a killed leader's Lease expires after this, and the other replica then takes it.</summary>
    private static readonly TimeSpan ElectionTtl = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Two_replicas_both_serve_one_writes_status_and_the_other_takes_over_when_it_is_killed()
    {
        await using var api = await ApiServerEmulator.StartAsync();
        var folder = Directory.CreateTempSubdirectory("nginx-ingress-replicas-").FullName;
        var kubeconfig = Path.Combine(folder, "config");
        api.WriteKubeconfig(kubeconfig);
        await using var web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        api.Apply(IngressClasses.Nginx());
        api.Apply(new ServiceBuilder("web").Port(80, targetPort: web.Port.ToString(CultureInfo.InvariantCulture)).Build());
        api.Apply(new EndpointSliceBuilder("web-1", "web").Port(null, web.Port).Endpoint(web.Address.ToString()).Build());
        api.Apply(new IngressBuilder("web").Class("nginx").Path("web.example.com", "/", service: "web").Build());

        using var first = Replica.Start("replica-a", kubeconfig, folder);
        using var second = Replica.Start("replica-b", kubeconfig, folder);
        foreach (var replica in new[] { first, second })
        {
            await RunningController.EventuallyAsync(async () => await replica.ServesAsync("web.example.com"), TimeSpan.FromSeconds(30), $"{replica.Name} serves the Ingress");
        }
        await RunningController.EventuallyAsync(() => Task.FromResult(Published(api) is not null), TimeSpan.FromSeconds(10), "one replica publishes its address");
        var leader = Holder(api)?.StartsWith(first.Name, StringComparison.Ordinal) == true ? first : second;
        var follower = leader == first ? second : first;
        Assert.That(Published(api), Is.EqualTo(leader.Address), "the status names the Lease holder's address, not the other's");

        leader.Kill();
        var clock = Stopwatch.StartNew();
        await RunningController.EventuallyAsync(() => Task.FromResult(Holder(api)?.StartsWith(follower.Name, StringComparison.Ordinal) == true && Published(api) == follower.Address),
            ElectionTtl * 3, "the other replica holds the Lease and publishes its own address");

        TestContext.Out.WriteLine($"Takeover after the leader was killed: {clock.Elapsed.TotalSeconds:F1} s (lease {ElectionTtl.TotalSeconds} s)");
        Assert.That(await follower.ServesAsync("web.example.com"), Is.True, "the survivor still serves");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The Lease holder's identity: the replica's POD_NAME and a suffix of its own.</summary>
    private static string? Holder(ApiServerEmulator api) => api.Get<V1Lease>("default", "ingress-controller-leader")?.Spec?.HolderIdentity;

    private static string? Published(ApiServerEmulator api) => api.Get<V1Ingress>("default", "web")?.Status?.LoadBalancer?.Ingress?.SingleOrDefault()?.Ip;

    /// <summary>One controller process, publishing a documentation address of its own so the status shows who wrote it.</summary>
    private sealed class Replica : IDisposable
    {
        private static int _next = 10;
        private readonly Process _process;
        private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };

        private Replica(string name, string address, int httpPort, Process process)
        {
            Name = name;
            Address = address;
            HttpPort = httpPort;
            _process = process;
        }

        public string Name { get; }

        public string Address { get; }

        public int HttpPort { get; }

        public static Replica Start(string name, string kubeconfig, string folder)
        {
            var address = $"192.0.2.{Interlocked.Increment(ref _next)}";
            var httpPort = FreePort.On(IPAddress.Loopback);
            var controller = typeof(NginxIngress.Controller.Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet",
            [
                controller, "run", "--kubeconfig", kubeconfig,
                "--http-port", $"{httpPort}", "--https-port", $"{FreePort.On(IPAddress.Loopback)}", "--healthz-port", $"{FreePort.On(IPAddress.Loopback)}", "--status-port", $"{FreePort.On(IPAddress.Loopback)}",
                "--work-dir", Path.Combine(folder, name),
                $"--election-ttl={ElectionTtl.TotalSeconds}s", $"--publish-status-address={address}", "--status-update-interval=1",
                "--update-status-on-shutdown=false",
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["POD_NAME"] = name },
            };
            var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return new Replica(name, address, httpPort, process);
        }

        public async Task<bool> ServesAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{HttpPort}/");
            request.Headers.Host = host;
            using var response = await _http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }

        /// <summary>SIGKILL, as a node failure would: no lease release, no status clear. Its nginx goes with it.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
            _http.Dispose();
        }
    }
}
