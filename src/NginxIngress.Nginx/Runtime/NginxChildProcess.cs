using Microsoft.Extensions.Logging;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Runs nginx as a child process in the foreground (<c>daemon off</c>) with a private prefix and starts it
/// again if it dies, backing off up to 10 s between attempts. It only ever starts on the config file on
/// disk, which the applier writes only after <c>nginx -t</c> accepted it. The master leads a process group of
/// its own (<see cref="ProcessGroupLeader"/>): when it dies, its workers die with it before a new one starts.
/// </summary>
public sealed partial class NginxChildProcess(string nginxBinary, string workDirectory, ILogger<NginxChildProcess> logger) : INginxProcess, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SignalReadyPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan SignalReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>nginx's worker_shutdown_timeout plus a margin: how long a graceful stop may drain.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Task? _supervision;
    private volatile int _processId;
    private ProcessGroupLeader? _master;
    private bool _disposed;

    public bool IsRunning => _processId != 0;

    public int? MasterProcessId => _processId is var pid and not 0 ? pid : null;

    /// <summary>Raised after nginx was started again because it had died; the loaded config must be verified anew.</summary>
    public event Action? Restarted;

    public string ConfigPath => Path.Combine(workDirectory, "nginx.conf");

    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            // A supervision that ended (nginx could not be started at all) may be tried again.
            if (_supervision is null || _supervision.IsCompleted)
            {
                PosixSignals.BecomeSubreaper();
                await StaleNginx.StopAsync(workDirectory, logger, cancellationToken);
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _supervision = Task.Run(() => SuperviseAsync(started, _stopping.Token), CancellationToken.None);
                await started.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var pid = _processId;
        if (pid == 0)
        {
            throw new InvalidOperationException("nginx is not running, so it cannot reload.");
        }
        // Until nginx has installed its signal handlers, SIGHUP would kill it. It writes its pid file just
        // after installing them, so a pid file naming this master means a reload is safe.
        var pidFile = Path.Combine(workDirectory, "nginx.pid");
        for (var waited = TimeSpan.Zero; !PidFileNames(pidFile, pid); waited += SignalReadyPoll)
        {
            if (waited > SignalReadyTimeout || _processId != pid)
            {
                throw new InvalidOperationException($"nginx (pid {pid}) did not become ready for signals.");
            }
            await Task.Delay(SignalReadyPoll, cancellationToken);
        }
        if (!PosixSignals.Send(pid, PosixSignals.Hangup))
        {
            throw new InvalidOperationException($"nginx (pid {pid}) could not be signalled.");
        }
        LogReload(logger, pid);
    }

    private static bool PidFileNames(string pidFile, int pid)
    {
        try
        {
            return File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task SuperviseAsync(TaskCompletionSource started, CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            var startedAt = DateTime.UtcNow;
            ProcessGroupLeader master;
            try
            {
                // Not Process.Start: nginx must lead its own process group, so that when the master dies its
                // orphaned workers (which keep the listening sockets) can be killed and reaped as one group,
                // without waiting on anything .NET started, such as the validator's nginx -t. See ProcessGroupLeader.
                // nginx inherits the controller's stdout and stderr, so its access and error logs reach the
                // container log directly instead of passing through .NET line by line. Not with MallocTunables: huge
                // pages make a reload dearer (see there).
                master = ProcessGroupLeader.Start(nginxBinary, ["-p", workDirectory + "/", "-c", ConfigPath, "-e", "stderr", "-g", "daemon off; master_process on;"]);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                LogStartFailed(logger, e);
                started.TrySetException(e);
                return;
            }
            _master = master;
            _processId = master.Id;
            LogStarted(logger, master.Id);
            started.TrySetResult();
            GroupExit exit;
            try
            {
                exit = await master.Exited;
            }
            finally
            {
                _processId = 0;
            }
            if (exit.LeftBehind.Count > 0)
            {
                LogOrphans(logger, exit.LeftBehind.Count, master.Id);
            }
            if (!exit.Complete)
            {
                LogUnreaped(logger, master.Id);
            }
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            LogDied(logger, exit.Status);

            backoff = DateTime.UtcNow - startedAt > TimeSpan.FromSeconds(30) ? TimeSpan.FromMilliseconds(250) : Min(backoff * 2, MaxBackoff);
            await Task.Delay(backoff, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!stopping.IsCancellationRequested)
            {
                Restarted?.Invoke();
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops nginx gracefully (SIGQUIT lets in-flight requests finish), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var pid = _processId;
        _stopping.Cancel();
        if (pid != 0)
        {
            PosixSignals.Send(pid, PosixSignals.Quit);
        }
        if (_supervision is not null)
        {
            var finished = await Task.WhenAny(_supervision, Task.Delay(DrainTimeout));
            if (finished != _supervision && _processId is var lingering and not 0)
            {
                PosixSignals.Send(lingering, PosixSignals.Terminate);
                finished = await Task.WhenAny(_supervision, Task.Delay(TimeSpan.FromSeconds(2)));
                if (finished != _supervision && _master is { } master)
                {
                    // Its whole group: a master that ignores SIGTERM may still have workers.
                    PosixSignals.SendToGroup(master.Id, PosixSignals.Kill);
                    await Task.WhenAny(_supervision, Task.Delay(TimeSpan.FromSeconds(2)));
                }
            }
        }
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "nginx started (pid {ProcessId})")]
    private static partial void LogStarted(ILogger logger, int processId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "nginx exited unexpectedly ({ExitStatus}); starting it again")]
    private static partial void LogDied(ILogger logger, string exitStatus);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "nginx could not be started")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "nginx reload requested (pid {ProcessId})")]
    private static partial void LogReload(ILogger logger, int processId);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "stopped {Count} processes left behind by the nginx master (pid {ProcessId}) that died")]
    private static partial void LogOrphans(ILogger logger, int count, int processId);

    [LoggerMessage(EventId = 109, Level = LogLevel.Error, Message = "processes of the nginx master (pid {ProcessId}) that died were still not gone after SIGKILL; starting nginx anyway")]
    private static partial void LogUnreaped(ILogger logger, int processId);
}
