using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Runtime;

/// <summary>
/// The supervised nginx against the ways it dies or lingers: a master killed hard (as the OOM killer does it)
/// while the controller keeps running <c>nginx -t</c> as its own child, and an nginx left on the prefix by an
/// earlier run. Whatever the supervisor stops, it must stop only its own nginx, workers included.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // process groups, signals and /proc
public sealed class NginxChildProcessTests
{
    private const int Kills = 5;

    /// <summary>Each validator runs one <c>nginx -t</c> at a time; three keep one running almost always.</summary>
    private const int Validators = 3;

    private static readonly string Binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    /// <summary>Longer than the supervisor's 10 s maximum backoff between restarts.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private string _directory = "";

    private string Live => Path.Combine(_directory, "live");

    [SetUp]
    public void CreateWorkDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("nginx-ingress-child-").FullName;
        Directory.CreateDirectory(Live);
        // Workers run as an unprivileged user and must reach the temp folders nginx creates under the prefix.
        const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_directory, Traversable);
        File.SetUnixFileMode(Live, Traversable);
    }

    [TearDown]
    public async Task DescribeAndDeleteWorkDirectory()
    {
        await FailureOutput.WriteIfFailingAsync(() => $"--- error.log:{Environment.NewLine}{ReadOrNone(Path.Combine(Live, "error.log"))}");
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // nginx may still be removing its temp folders; the OS cleans /tmp.
        }
    }

    [Test]
    public async Task Killing_the_master_stops_its_workers_and_spares_concurrent_validations()
    {
        var (settings, config) = Render(workerConnections: 1024);
        await BundleWriter.WriteAsync(Live, config, CancellationToken.None);
        using var probe = new ConfigVersionProbe(settings.StatusPort);
        await using var nginx = new NginxChildProcess(Binary, Live, NullLogger<NginxChildProcess>.Instance);
        var restarts = 0;
        nginx.Restarted += () => Interlocked.Increment(ref restarts);
        await nginx.EnsureStartedAsync(CancellationToken.None);
        var master = await NewMasterServingAsync(probe, config.Version, previous: null);

        var results = new ConcurrentQueue<ValidationResult>();
        using var stopValidating = new CancellationTokenSource();
        var validating = Enumerable.Range(0, Validators)
            .Select(i => Task.Run(() => ValidateUntilAsync(new NginxBinaryValidator(Binary, Path.Combine(_directory, $"validate-{i}")), config, results, stopValidating.Token)))
            .ToArray();
        try
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                var workers = ChildProcesses.Of(master.Pid).Select(ProcessIdentity.Capture).OfType<ProcessIdentity>().ToList();
                Assert.That(workers, Has.Count.EqualTo(2), $"kill {kill}: the master runs worker_processes 2");
                using (var process = Process.GetProcessById(master.Pid))
                {
                    process.Kill();
                }
                await RunningController.EventuallyAsync(() => Task.FromResult(workers.All(worker => worker.IsReaped)), Deadline,
                    $"kill {kill}: the workers of the killed master are stopped and reaped ({string.Join(", ", workers)})");
                master = await NewMasterServingAsync(probe, config.Version, master);
            }
        }
        finally
        {
            await stopValidating.CancelAsync();
            await Task.WhenAll(validating);
        }

        Assert.That(results, Has.Count.GreaterThanOrEqualTo(Kills), "validations ran throughout the kills");
        Assert.That(results.Where(result => !result.IsValid).Select(result => result.Message), Is.Empty, "no validation was killed");
        Assert.That(restarts, Is.EqualTo(Kills), "every restart was announced");
    }

    /// <summary>
    /// nginx -t runs with malloc on huge pages (MallocTunables), the serving master must not: its memory is shared
    /// copy-on-write with its workers, and huge pages made each reload at 10k Ingresses up to 40% dearer. It keeps
    /// the controller's own malloc settings.
    /// </summary>
    [Test]
    public async Task The_supervised_master_runs_without_the_huge_pages_of_nginx_t()
    {
        var (settings, config) = Render(workerConnections: 1024);
        await BundleWriter.WriteAsync(Live, config, CancellationToken.None);
        using var probe = new ConfigVersionProbe(settings.StatusPort);
        await using var nginx = new NginxChildProcess(Binary, Live, NullLogger<NginxChildProcess>.Instance);
        await nginx.EnsureStartedAsync(CancellationToken.None);
        var master = await NewMasterServingAsync(probe, config.Version, previous: null);

        var tunables = File.ReadAllText($"/proc/{master.Pid}/environ").Split('\0')
            .Where(variable => variable.StartsWith(MallocTunables.Variable + "=", StringComparison.Ordinal));
        var own = Environment.GetEnvironmentVariable(MallocTunables.Variable);
        Assert.That(tunables, Is.EqualTo(own is null ? [] : new[] { $"{MallocTunables.Variable}={own}" }), "the master's environment");
    }

    /// <summary>
    /// An nginx a killed controller left behind: a daemon leads its own process group, a foreground child does
    /// not. A stuck master (stopped with SIGSTOP here) ignores SIGQUIT and must be killed, workers included, or
    /// they keep the ports and answer in place of ours.
    /// </summary>
    [TestCase(true, false, TestName = "A_stale_daemon_nginx_on_the_prefix_is_stopped_with_its_workers_before_ours_starts")]
    [TestCase(false, false, TestName = "A_stale_foreground_nginx_on_the_prefix_is_stopped_with_its_workers_before_ours_starts")]
    [TestCase(true, true, TestName = "A_stuck_stale_daemon_nginx_is_killed_with_its_workers_before_ours_starts")]
    [TestCase(false, true, TestName = "A_stuck_stale_foreground_nginx_is_killed_with_its_workers_before_ours_starts")]
    public async Task A_stale_nginx_on_the_prefix_is_stopped_with_its_workers_before_ours_starts(bool daemon, bool stuck)
    {
        // Same ports, different text: the version tells which nginx answers.
        var (settings, ours) = Render(workerConnections: 1024);
        var stale = ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, settings with { WorkerConnections = 512 }).Rendered;
        var configPath = Path.Combine(Live, "nginx.conf");
        await BundleWriter.WriteAsync(Live, stale, CancellationToken.None);
        using var probe = new ConfigVersionProbe(settings.StatusPort);
        using var staleNginx = StartStale(configPath, daemon);
        var staleMaster = await NewMasterServingAsync(probe, stale.Version, previous: null);
        var staleWorkers = ChildProcesses.Of(staleMaster.Pid).Select(ProcessIdentity.Capture).OfType<ProcessIdentity>().ToList();
        Assert.That(staleWorkers, Has.Count.EqualTo(2), "the stale master runs worker_processes 2");
        Assert.That(staleMaster.ProcessGroup == staleMaster.Pid, Is.EqualTo(daemon), "a daemon, and only a daemon, leads its own process group");
        try
        {
            if (stuck)
            {
                using var stop = Process.Start("kill", ["-STOP", staleMaster.Pid.ToString(CultureInfo.InvariantCulture)])!;
                await RunningController.EventuallyAsync(() => Task.FromResult(staleMaster.IsStopped), Deadline, "the stale master is stopped");
            }

            await BundleWriter.WriteAsync(Live, ours, CancellationToken.None);
            await using var nginx = new NginxChildProcess(Binary, Live, NullLogger<NginxChildProcess>.Instance);
            await nginx.EnsureStartedAsync(CancellationToken.None);

            Assert.That(staleWorkers.Prepend(staleMaster).Where(process => process.IsRunning), Is.Empty, "the stale master and its workers are stopped before ours starts");
            var master = await NewMasterServingAsync(probe, ours.Version, staleMaster);
            Assert.That(master.Pid, Is.Not.EqualTo(staleMaster.Pid));
        }
        finally
        {
            // Whatever a failing supervisor left running would hold the ports of later tests.
            foreach (var process in staleWorkers.Prepend(staleMaster).Where(process => process.IsRunning))
            {
                using var running = Process.GetProcessById(process.Pid);
                running.Kill();
            }
        }
    }

    /// <summary>
    /// Starts nginx on the prefix outside any supervisor. The daemon's launcher exits at once and leaves the master
    /// behind; the foreground one stays a child of this process, as nginx under an older controller was.
    /// Neither redirects output: a daemon keeps stderr open, and a reader would wait on it forever.
    /// </summary>
    private Process StartStale(string configPath, bool daemon)
    {
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false };
        foreach (var argument in (string[])["-p", Live + "/", "-c", configPath, "-e", Path.Combine(Live, "error.log"), "-g", daemon ? "daemon on;" : "daemon off;"])
        {
            start.ArgumentList.Add(argument);
        }
        var launcher = Process.Start(start)!;
        if (daemon)
        {
            Assert.That(launcher.WaitForExit(Deadline), Is.True, "the daemon's launcher exits once the master is running");
            Assert.That(launcher.ExitCode, Is.Zero);
        }
        return launcher;
    }

    private (NginxSettings Settings, RenderedConfig Config) Render(int workerConnections)
    {
        var settings = NginxSettings.Default with
        {
            HttpPort = FreePort.On(IPAddress.Loopback),
            HttpsPort = FreePort.On(IPAddress.Loopback),
            BindAddress = IPAddress.Loopback,
            Ipv6 = false,
            StatusPort = FreePort.On(IPAddress.Loopback),
            WorkerProcesses = "2",
            WorkerConnections = workerConnections,
            AccessLog = "off",
            ErrorLog = Path.Combine(Live, "error.log"),
        };
        return (settings, ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, settings).Rendered);
    }

    /// <summary>Waits until the pid file names a running master other than <paramref name="previous"/>, and the version endpoint answers <paramref name="version"/>.</summary>
    private async Task<ProcessIdentity> NewMasterServingAsync(ConfigVersionProbe probe, string version, ProcessIdentity? previous)
    {
        ProcessIdentity? master = null;
        await RunningController.EventuallyAsync(async () =>
        {
            master = ReadPidFile() is { } pid && ProcessIdentity.Capture(pid) is { IsRunning: true } running && running != previous ? running : null;
            return master is not null && await probe.CurrentVersionAsync(CancellationToken.None) == version;
        }, Deadline, $"a new nginx master (not {previous?.ToString() ?? "none"}) serves version {version}");
        return master!.Value;
    }

    private int? ReadPidFile() =>
        int.TryParse(ReadOrNone(Path.Combine(Live, "nginx.pid")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static async Task ValidateUntilAsync(NginxBinaryValidator validator, RenderedConfig config, ConcurrentQueue<ValidationResult> results, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // Not cancelled mid-run: a cancelled nginx -t would say nothing about whether it was killed.
            results.Enqueue(await validator.ValidateAsync(config, CancellationToken.None));
        }
    }

    private static string ReadOrNone(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "(none)";
        }
    }
}
