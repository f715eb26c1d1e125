using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NginxIngress.Controller.Hosting;
using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Kubernetes.Store;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>nginx-ingress run</c> (with <c>--manifests DIR</c>, or against an API server), hosted in the test process on free ports, with the real nginx
/// as its child. Exposes the reconcile loop's counters so tests can see reloads, not just guess them.
/// </summary>
internal sealed class RunningController : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private RunningController(WebApplication app, RunSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public RunSettings Settings { get; }

    public ReconcileLoop Loop => _app.Services.GetRequiredService<ReconcileLoop>();

    /// <summary>What the sources have delivered: lets a test see that a change has been read before it asks what it cost.</summary>
    public ObjectStore Store => _app.Services.GetRequiredService<ObjectStore>();

    /// <summary>The folder source, in manifest mode; its <see cref="ManifestDirectoryWatcher.Latest"/> load changes with every re-read.</summary>
    public ManifestDirectoryWatcher Manifests => _app.Services.GetRequiredService<ManifestDirectoryWatcher>();

    public string LiveConfigPath => Path.Combine(Settings.WorkDirectory, "live", "nginx.conf");

    /// <param name="manifestsDirectory">The folder to watch; null watches the API server that <paramref name="configure"/> names (<see cref="RunSettings.Kubeconfig"/>).</param>
    public static async Task<RunningController> StartAsync(string? manifestsDirectory, int? httpPort = null, Func<RunSettings, RunSettings>? configure = null)
    {
        var settings = new RunSettings
        {
            ManifestsDirectory = manifestsDirectory,
            WorkDirectory = Directory.CreateTempSubdirectory("nginx-ingress-run-").FullName,
            NginxBinary = "nginx",
            HealthzPort = FreePort.On(IPAddress.Loopback),
            Controller = ControllerOptions.Default,
            Nginx = NginxSettings.Default with
            {
                HttpPort = httpPort ?? FreePort.On(IPAddress.Loopback),
                HttpsPort = FreePort.On(IPAddress.Loopback),
                BindAddress = IPAddress.Loopback,
                Ipv6 = false,
                StatusPort = FreePort.On(IPAddress.Loopback),
                AccessLog = "off",
                WorkerProcesses = "2",
            },
        };
        settings = configure?.Invoke(settings) ?? settings;
        var app = ControllerHost.Build(settings);
        await app.StartAsync();
        return new RunningController(app, settings);
    }

    public async Task<HttpResponseMessage> GetAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Settings.Nginx.HttpPort}{path}");
        request.Headers.Host = host;
        return await _http.SendAsync(request);
    }

    /// <summary>The config version nginx answers on its status port now, or null when it does not answer.</summary>
    public async Task<string?> ServedVersionAsync()
    {
        using var probe = new ConfigVersionProbe(Settings.Nginx.StatusPort);
        return await probe.CurrentVersionAsync(CancellationToken.None);
    }

    /// <summary>What <c>GET /metrics</c> on the healthz port answers: the Prometheus text format.</summary>
    public async Task<string> MetricsAsync()
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{Settings.HealthzPort}/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpStatusCode?> HealthzAsync()
    {
        try
        {
            using var response = await _http.GetAsync($"http://127.0.0.1:{Settings.HealthzPort}/healthz");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long it took, or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            try
            {
                if (await condition())
                {
                    return DateTime.UtcNow - started;
                }
            }
            catch (HttpRequestException)
            {
                // nginx not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A request timed out while nginx restarted.
            }
            catch (System.Net.Sockets.SocketException)
            {
                // A connection reset while nginx was starting: HttpClient can let this escape unwrapped when the
                // socket dies between connect and reading its remote end point.
            }
            await Task.Delay(20);
        }
        Assert.Fail($"Within {timeout.TotalSeconds} s: {what}");
        return timeout;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(Settings.WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // nginx may still be removing its temp folders; the OS cleans /tmp.
        }
    }
}
