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
/// The supervised nginx against the ways it dies: a master killed hard (as the OOM killer does it) while the
/// controller keeps running <c>nginx -t</c> as its own child. Whatever the supervisor stops, it must stop only
/// its own nginx, workers included.
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
        await File.WriteAllTextAsync(Path.Combine(Live, "nginx.conf"), config.Text);
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

    private (NginxSettings Settings, RenderedConfig Config) Render(int workerConnections)
    {
        var settings = NginxSettings.Default with
        {
            HttpPort = FreePort.On(IPAddress.Loopback),
            BindAddress = IPAddress.Loopback,
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
