using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Core.Tests.ManifestLoading;

/// <summary>The manifest folder source keeps applying changes even when the kernel will not watch the folder for it.</summary>
[TestFixture]
public sealed class ManifestDirectoryWatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    // What .NET throws on Linux when fs.inotify.max_user_instances is used up, as it is on busy nodes.
    private const string InotifyLimit = "The configured user limit (128) on the number of inotify instances has been reached, " +
        "or the per-process limit on the number of open file descriptors has been reached.";

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("nginx-ingress-watch-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private void WriteService(string file, string name) => File.WriteAllText(Path.Combine(_folder, file), $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          ports:
          - port: 80
        """);

    [Test]
    public async Task Edits_are_picked_up_by_the_scan_when_the_inotify_limit_is_reached()
    {
        WriteService("a.yaml", "alpha");
        var store = new ObjectStore();
        var logger = new RecordingLogger<ManifestDirectoryWatcher>();
        using var watcher = new ManifestDirectoryWatcher(_folder, store, logger, _ => throw new IOException(InotifyLimit));
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);

        WriteService("b.yaml", "beta");
        var seen = await EventuallyAsync(() => store.Capture().Services.ContainsKey(new ObjectKey("default", "beta")));

        Assert.That(seen, Is.True, $"the new file is loaded within {Patience.TotalSeconds} s; the source {(running.IsFaulted ? $"died: {running.Exception?.InnerException?.Message}" : "is still running")}");
        Assert.That(store.Capture().Services.ContainsKey(new ObjectKey("default", "alpha")), Is.True);
        Assert.That(logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message),
            Has.Some.Contains(InotifyLimit).And.Some.Contains("scan"));
        await stop.CancelAsync();
        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>(), "the source runs until it is stopped");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }
}
