using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The nginx of a sidecar container in the same pod (<c>--nginx-mode=external</c>): started and stopped by its own
/// container, never here. It runs on the config this controller writes into the shared directory, and it is found
/// through the pid file it writes there; with <c>shareProcessNamespace</c> that pid is one this process can signal.
/// A reload is a SIGHUP, verified by the applier through the config-version endpoint as in supervise mode.
/// <see cref="WatchAsync"/> notices a new master (the nginx container restarted, or nginx appeared after a failed
/// first wait) and raises <see cref="Restarted"/>, so the current config is verified again.
/// </summary>
public sealed partial class ExternalNginx(string workDirectory, ILogger<ExternalNginx> logger, ExternalNginxOptions? options = null) : INginxProcess
{
    private readonly ExternalNginxOptions _options = options ?? ExternalNginxOptions.Default;
    private readonly Lock _gate = new();

    /// <summary>The master last seen, by the watch or by a start or reload; a different one means nginx restarted.</summary>
    private ProcessEntry? _known;

    public string PidFile => Path.Combine(workDirectory, "nginx.pid");

    public bool IsRunning => FindMaster() is not null;

    /// <summary>Null also when the pid file names a process this container cannot see (no <c>shareProcessNamespace</c>).</summary>
    public int? MasterProcessId => FindMaster()?.Pid;

    public event Action? Restarted;

    /// <summary>Waits for the sidecar's nginx to be running: it starts once the config it waits for is on disk.</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        for (var waited = TimeSpan.Zero; ; waited += _options.PollInterval)
        {
            if (FindMaster() is { } master)
            {
                Know(master);
                return;
            }
            if (waited >= _options.AppearTimeout)
            {
                throw new InvalidOperationException(
                    $"no nginx master appeared within {_options.AppearTimeout.TotalSeconds:0} s: {PidFile} does not name a running nginx master process");
            }
            await Task.Delay(_options.PollInterval, cancellationToken);
        }
    }

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        var master = FindMaster() ?? throw new InvalidOperationException($"{PidFile} does not name a running nginx master, so it cannot reload.");
        if (!PosixSignals.Send(master.Pid, PosixSignals.Hangup))
        {
            throw new InvalidOperationException($"nginx (pid {master.Pid}) could not be signalled; do both containers share the process namespace and the user?");
        }
        Know(master);
        LogReload(logger, master.Pid);
        return Task.CompletedTask;
    }

    /// <summary>Polls for a new nginx master until cancelled.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var master = FindMaster();
                bool restarted;
                lock (_gate)
                {
                    restarted = master is not null && master != _known;
                    if (master is null && _known is { } gone)
                    {
                        LogGone(logger, gone.Pid);
                    }
                    _known = master;
                }
                if (restarted)
                {
                    LogAppeared(logger, master!.Value.Pid);
                    Restarted?.Invoke();
                }
                await Task.Delay(_options.PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the nginx container drains and stops on its own.
        }
    }

    private void Know(ProcessEntry? master)
    {
        lock (_gate)
        {
            _known = master;
        }
    }

    /// <summary>
    /// The master the pid file names, if that process runs and is an nginx master: a pid file left by a killed
    /// nginx may name a pid that is gone or, later, reused by something else.
    /// </summary>
    private ProcessEntry? FindMaster()
    {
        string text;
        try
        {
            text = File.ReadAllText(PidFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1)
        {
            return null;
        }
        return ProcessTable.Read(pid) is { State: not 'Z' and not 'X' } entry
            && ProcessTable.CommandLine(pid).StartsWith("nginx: master process", StringComparison.Ordinal)
            ? entry
            : null;
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "nginx reload requested (external master, pid {ProcessId})")]
    private static partial void LogReload(ILogger logger, int processId);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "an nginx master appeared (pid {ProcessId}); verifying the config it serves")]
    private static partial void LogAppeared(ILogger logger, int processId);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "the nginx master (pid {ProcessId}) is gone; waiting for its container to start it again")]
    private static partial void LogGone(ILogger logger, int processId);
}
