using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.Nginx.Runtime;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// <see cref="ExternalNginx"/> on its own, against the Deployment's nginx container script: it finds the master
/// through the pid file, reloads it without counting that as a restart, and reports a new master once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ExternalNginxWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private string _work = null!;
    private string _live = null!;

    [SetUp]
    public void WriteConfig()
    {
        _work = Directory.CreateTempSubdirectory("external-nginx-").FullName;
        _live = Path.Combine(_work, "live");
        Directory.CreateDirectory(_live);
        File.WriteAllText(Path.Combine(_live, "nginx.conf"), $$"""
            pid nginx.pid;
            error_log stderr;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi; uwsgi_temp_path uwsgi; scgi_temp_path scgi;
                server { listen 127.0.0.1:{{FreePort.On(IPAddress.Loopback)}}; return 204; }
            }
            """);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public void Waiting_for_an_nginx_that_never_appears_fails_with_the_pid_file_it_looked_at()
    {
        var nginx = new ExternalNginx(_live, NullLogger<ExternalNginx>.Instance, new ExternalNginxOptions { AppearTimeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(50) });

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => nginx.EnsureStartedAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain(nginx.PidFile));
        Assert.That(nginx.IsRunning, Is.False);
    }

    [Test]
    public async Task Waiting_for_nginx_ends_when_the_sidecar_has_started_it()
    {
        var nginx = new ExternalNginx(_live, NullLogger<ExternalNginx>.Instance, new ExternalNginxOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        var waiting = nginx.EnsureStartedAsync(CancellationToken.None);

        using var sidecar = SidecarNginx.Start(_work);

        await waiting.WaitAsync(Patience);
        Assert.That(nginx.IsRunning, Is.True);
    }

    [Test]
    public async Task A_new_master_is_reported_a_reload_is_not_and_a_killed_one_is_no_longer_running()
    {
        var nginx = new ExternalNginx(_live, NullLogger<ExternalNginx>.Instance, new ExternalNginxOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        var restarts = 0;
        nginx.Restarted += () => Interlocked.Increment(ref restarts);
        using var stop = new CancellationTokenSource();
        var watch = nginx.WatchAsync(stop.Token);

        using (var first = SidecarNginx.Start(_work))
        {
            await Eventually(() => Volatile.Read(ref restarts) == 1, "the first master is reported");
            await nginx.ReloadAsync(CancellationToken.None);
            first.Kill();
        }
        await Eventually(() => !nginx.IsRunning, "a killed master is not running, though its pid file stays");
        Assert.That(Volatile.Read(ref restarts), Is.EqualTo(1), "neither the reload nor the death counts as a new master");

        using var second = SidecarNginx.Start(_work);
        await Eventually(() => Volatile.Read(ref restarts) == 2, "the second master is reported");
        Assert.That(nginx.IsRunning, Is.True);

        await stop.CancelAsync();
        await watch;
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        RunningController.EventuallyAsync(() => Task.FromResult(condition()), Patience, what);
}
