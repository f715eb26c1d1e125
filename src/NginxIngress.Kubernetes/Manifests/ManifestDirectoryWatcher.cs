using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>
/// The manifest-folder source: loads the folder into the store, then reloads it whenever a file changes.
/// inotify (FileSystemWatcher) gives low latency; a 500 ms scan of names, sizes and times catches what it
/// misses (some file systems, editors that swap files), so every change is applied within a second.
/// </summary>
/// <param name="createWatcher">Makes the watcher for a folder; by default a <see cref="FileSystemWatcher"/>.
/// Tests pass one that fails as the kernel does when its inotify limits are used up.</param>
public sealed partial class ManifestDirectoryWatcher(
    string directory,
    ObjectStore store,
    ILogger<ManifestDirectoryWatcher> logger,
    Func<string, FileSystemWatcher>? createWatcher = null) : IObjectOrigins, IDisposable
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(500);
    private readonly ManifestSnapshotLoader _loader = new();
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly StoreSource _source = store.AddSource("manifests");
    private FileSystemWatcher? _watcher;
    private string _fingerprint = "";
    private ImmutableArray<ManifestIssue> _reportedIssues = [];

    /// <summary>1 while a re-read is queued behind the running one: a burst of events costs one more re-read, not one each.</summary>
    private int _queued;

    /// <summary>The latest load, whose origins let problems name the file an object came from.</summary>
    public ManifestLoadResult? Latest { get; private set; }

    public string? Of(Core.Snapshot.ObjectRef reference) => Latest?.Of(reference);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ReloadIfChangedAsync(force: true);
        _watcher = StartWatching();

        using var timer = new PeriodicTimer(ScanInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await ReloadIfChangedAsync(force: false);
        }
    }

    /// <summary>
    /// inotify only makes changes show up sooner; the scan alone applies each of them within a second. So when
    /// the kernel refuses a watcher (<c>fs.inotify.max_user_instances</c> or <c>max_user_watches</c> used up,
    /// common on nodes running many pods), the source goes on scanning instead of stopping.
    /// </summary>
    private FileSystemWatcher? StartWatching()
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = (createWatcher ?? (path => new FileSystemWatcher(path)))(directory);
            watcher.IncludeSubdirectories = true;
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
            FileSystemEventHandler onChange = (_, _) => QueueReload();
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Deleted += onChange;
            watcher.Renamed += (_, _) => QueueReload();
            // On Linux the inotify instance and its watches are created here, so this is where the limits bite.
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            watcher?.Dispose();
            LogWatcherUnavailable(logger, directory, e.Message, (int)ScanInterval.TotalMilliseconds);
            return null;
        }
    }

    /// <summary>
    /// An inotify event asks for a re-read. Writing a thousand files raises thousands of events, and each re-read
    /// checks every file, so each event must not get its own: while one re-read waits for its turn, later events
    /// join it. It starts after the running one, so it still sees every change made before it began.
    /// </summary>
    private void QueueReload()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _ = ReloadIfChangedAsync(force: false, queued: true);
        }
    }

    private async Task ReloadIfChangedAsync(bool force, bool queued = false)
    {
        await _reload.WaitAsync();
        if (queued)
        {
            // From here on, a new event must queue another re-read: this one may already have looked at its file.
            Volatile.Write(ref _queued, 0);
        }
        try
        {
            var fingerprint = Fingerprint();
            if (!force && fingerprint == _fingerprint)
            {
                return;
            }
            _fingerprint = fingerprint;
            var loaded = _loader.Load(directory);
            Latest = loaded;
            if (!loaded.Issues.SequenceEqual(_reportedIssues))
            {
                foreach (var issue in loaded.Issues)
                {
                    LogIssue(logger, issue.ToString());
                }
                _reportedIssues = loaded.Issues;
            }
            _source.ReplaceAll(loaded.Snapshot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, directory, e.Message);
        }
        finally
        {
            _reload.Release();
        }
    }

    private string Fingerprint() =>
        string.Join('\n', ManifestDocumentReader.ManifestFiles(directory).Select(path =>
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{path}|{info.Length}|{info.LastWriteTimeUtc.Ticks}" : path;
        }));

    public void Dispose()
    {
        _watcher?.Dispose();
        _reload.Dispose();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "manifest {Issue}")]
    private static partial void LogIssue(ILogger logger, string issue);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "manifest folder {Directory} cannot be read: {Reason}; the last good objects stay in use")]
    private static partial void LogUnreadable(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "manifest folder {Directory} cannot be watched for changes: {Reason}; changes are found by a scan every {ScanIntervalMs} ms instead")]
    private static partial void LogWatcherUnavailable(ILogger logger, string directory, string reason, int scanIntervalMs);
}
