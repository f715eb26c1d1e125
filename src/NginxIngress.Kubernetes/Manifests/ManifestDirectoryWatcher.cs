using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>
/// The manifest-folder source: loads the folder into the store, then reloads it whenever a file changes.
/// inotify (FileSystemWatcher) gives low latency; a 500 ms scan of names, sizes and times catches what it
/// misses (some file systems, editors that swap files), so every change is applied within a second.
/// </summary>
public sealed partial class ManifestDirectoryWatcher(string directory, ObjectStore store, ILogger<ManifestDirectoryWatcher> logger) : IDisposable
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(500);
    private readonly ManifestSnapshotLoader _loader = new();
    private readonly SemaphoreSlim _reload = new(1, 1);
    private FileSystemWatcher? _watcher;
    private string _fingerprint = "";
    private ImmutableArray<ManifestIssue> _reportedIssues = [];

    /// <summary>The latest load's origins, so problems can name the file an object came from.</summary>
    public ManifestLoadResult? Latest { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ReloadIfChangedAsync(force: true);
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            EnableRaisingEvents = true,
        };
        FileSystemEventHandler onChange = (_, _) => _ = ReloadIfChangedAsync(force: false);
        _watcher.Changed += onChange;
        _watcher.Created += onChange;
        _watcher.Deleted += onChange;
        _watcher.Renamed += (_, _) => _ = ReloadIfChangedAsync(force: false);

        using var timer = new PeriodicTimer(ScanInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await ReloadIfChangedAsync(force: false);
        }
    }

    private async Task ReloadIfChangedAsync(bool force)
    {
        await _reload.WaitAsync();
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
            store.Replace(loaded.Snapshot);
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
}
