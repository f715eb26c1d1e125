using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NginxIngress.Controller.Hosting;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.Nginx.Runtime;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// <c>--nginx-mode=external</c>: nginx is started on its own, exactly as the Deployment's nginx container starts it,
/// and the controller only writes the config into the shared folder, validates it, and signals that nginx.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ExternalNginxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly ExternalNginxOptions Quick = new() { AppearTimeout = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(50) };

    private ManifestFolder _manifests = null!;
    private EchoBackend _web = null!;
    private EchoBackend _api = null!;

    [SetUp]
    public async Task StartBackends()
    {
        _manifests = new ManifestFolder();
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _api = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "api", "api-1");
        _manifests.WriteService("web", new IPEndPoint(_web.Address, _web.Port));
        _manifests.WriteService("api", new IPEndPoint(_api.Address, _api.Port));
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
    }

    [TearDown]
    public async Task StopBackends()
    {
        await _web.DisposeAsync();
        await _api.DisposeAsync();
        _manifests.Dispose();
    }

    [Test]
    public async Task Traffic_follows_manifest_changes_through_a_sidecar_nginx_that_the_controller_only_signals()
    {
        await using var controller = await StartControllerAsync();
        using var sidecar = SidecarNginx.Start(controller.Settings.WorkDirectory);

        await ServedByAsync(controller, "web.example.com", "web-1", sidecar);
        Assert.That(MasterInPidFile(controller), Is.EqualTo(sidecar.ProcessId), "the nginx serving is the sidecar's, not one the controller started");

        _manifests.WriteIngress("api", "api.example.com", "/", "api");

        await ServedByAsync(controller, "api.example.com", "api-1", sidecar);
        Assert.That(MasterInPidFile(controller), Is.EqualTo(sidecar.ProcessId), "a reload, not a restart");
        Assert.That(sidecar.HasExited, Is.False);
        var generations = System.Text.RegularExpressions.Regex.Match(await controller.MetricsAsync(),
            @"^nginx_ingress_controller_nginx_worker_generations\{[^}]*\} (?<value>\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups["value"].Value;
        Assert.That(double.Parse(generations, CultureInfo.InvariantCulture), Is.InRange(1, 2),
            "the sidecar's worker generations are counted through the pid file and the shared process namespace");
    }

    [Test]
    public async Task When_the_sidecar_nginx_is_killed_and_started_again_the_controller_serves_the_current_config()
    {
        await using var controller = await StartControllerAsync();
        using (var first = SidecarNginx.Start(controller.Settings.WorkDirectory))
        {
            await ServedByAsync(controller, "web.example.com", "web-1", first);
            first.Kill();
        }
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() != HttpStatusCode.OK, Patience, "/healthz stops answering 200 while nginx is gone");

        // An edit while nginx is gone: it cannot be verified now, and must not be lost.
        _manifests.WriteIngress("api", "api.example.com", "/", "api");
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.FailedApplies > 0), Patience, "the apply fails while no nginx answers");

        using var second = SidecarNginx.Start(controller.Settings.WorkDirectory);

        await ServedByAsync(controller, "api.example.com", "api-1", second);
        await ServedByAsync(controller, "web.example.com", "web-1", second);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "/healthz answers 200 again");
    }

    [Test]
    public async Task The_preStop_hook_lets_a_request_in_flight_finish_then_waits_until_nginx_has_exited()
    {
        // The request is still running when the hook's delay ends and nginx is told to stop.
        await using var slow = await SlowBackend.StartAsync(TimeSpan.FromSeconds(7));
        _manifests.WriteService("slow", slow.EndPoint);
        _manifests.WriteIngress("slow", "slow.example.com", "/", "slow");
        await using var controller = await StartControllerAsync();
        using var sidecar = SidecarNginx.Start(controller.Settings.WorkDirectory);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "/healthz answers 200");

        using var client = new HttpClient { Timeout = Patience };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{controller.Settings.Nginx.HttpPort}/");
        request.Headers.Host = "slow.example.com";
        var inFlight = client.SendAsync(request);
        await slow.Accepted.WaitAsync(Patience);
        var clock = Stopwatch.StartNew();
        var exitCode = await SidecarNginx.RunPreStopAsync(controller.Settings.WorkDirectory, Patience);

        using var response = await inFlight;
        Assert.That(exitCode, Is.Zero);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the worker finished the request before it exited");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("slow"));
        await RunningController.EventuallyAsync(() => Task.FromResult(sidecar.HasExited), Patience, "the nginx container's process has exited when the hook returns");
        TestContext.Out.WriteLine($"preStop took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<RunningController> StartControllerAsync() => await RunningController.StartAsync(_manifests.Path,
        configure: settings => settings with { NginxMode = NginxMode.External, ExternalNginx = Quick, VerifyTimeout = TimeSpan.FromSeconds(3) });

    private static async Task ServedByAsync(RunningController controller, string host, string pod, SidecarNginx sidecar)
    {
        await RunningController.EventuallyAsync(async () =>
        {
            using var response = await controller.GetAsync(host, "/");
            return EchoResponse.TryParse(await response.Content.ReadAsStringAsync())?.Pod == pod;
        }, Patience, $"{host} is served by {pod}; the sidecar said: {sidecar.Output}");
    }

    private static int MasterInPidFile(RunningController controller) =>
        int.Parse(File.ReadAllText(Path.Combine(controller.Settings.WorkDirectory, "live", "nginx.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>An HTTP backend that answers "slow" only after a delay, to keep a request in flight.</summary>
    private sealed class SlowBackend : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly TimeSpan _delay;
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _serving = Task.CompletedTask;

        private SlowBackend(TcpListener listener, TimeSpan delay)
        {
            _listener = listener;
            _delay = delay;
        }

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

        public Task Accepted => _accepted.Task;

        public static Task<SlowBackend> StartAsync(TimeSpan delay)
        {
            var listener = new TcpListener(LoopbackAddresses.Next(), 0);
            listener.Start();
            var backend = new SlowBackend(listener, delay);
            backend._serving = backend.ServeAsync();
            return Task.FromResult(backend);
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = AnswerAsync(client);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    _accepted.TrySetResult();
                    await Task.Delay(_delay, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow"), _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The test is over, or nginx gave up on the request: the test's assertions say which.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}
