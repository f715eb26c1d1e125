using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// An nginx left running on this prefix by a controller that was killed would keep the ports and answer the
/// version probe in place of ours. It is found through its pid file, asked to quit (SIGQUIT lets it finish
/// requests), and killed together with its workers if it lingers.
/// </summary>
internal static partial class StaleNginx
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task StopAsync(string workDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(workDirectory, "nginx.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse((await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || ProcessTable.Read(pid) is not { IsRunning: true } master
            || !IsNginxOn(pid, workDirectory))
        {
            return;
        }
        // A master that leads its own group (started by this controller, or a daemon) shares the group with its
        // workers, so the group finds and stops them all. One that does not (a foreground nginx of an older
        // controller) is in its starter's group, which must not be signalled: its workers are found as its children.
        var leadsGroup = master.Group == pid && pid != PosixSignals.OwnProcessGroup;
        var processes = ProcessTable.ChildrenOrMembers(pid, leadsGroup ? pid : null).Where(entry => entry.Pid != pid).Prepend(master).ToList();
        LogStale(logger, pid, processes.Count - 1);
        PosixSignals.Send(pid, PosixSignals.Quit);
        if (!await AllExitedAsync(processes, QuitTimeout, cancellationToken))
        {
            LogKilling(logger, pid, QuitTimeout.TotalSeconds);
            if (leadsGroup)
            {
                PosixSignals.SendToGroup(pid, PosixSignals.Kill);
            }
            foreach (var process in processes.Where(process => process.IsRunning))
            {
                PosixSignals.Send(process.Pid, PosixSignals.Kill);
            }
            if (!await AllExitedAsync(processes, KillTimeout, cancellationToken))
            {
                LogLingering(logger, pid);
            }
        }
        if (leadsGroup)
        {
            // Those of them that are our children (adopted as their subreaper) would otherwise stay zombies. .NET
            // started none of them: a group led by a process that .NET started would need it to call setsid or
            // setpgid itself, and nginx does that only in the child it forks to run as a daemon.
            _ = PosixWait.ReapGroup(pid, TimeSpan.Zero);
        }
    }

    /// <summary>nginx rewrites its command line to "nginx: master process &lt;the original command line&gt;", which names the prefix.</summary>
    private static bool IsNginxOn(int pid, string workDirectory)
    {
        var commandLine = ProcessTable.CommandLine(pid);
        return commandLine.Contains("nginx", StringComparison.Ordinal) && commandLine.Contains(workDirectory, StringComparison.Ordinal);
    }

    private static async Task<bool> AllExitedAsync(IReadOnlyList<ProcessEntry> processes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (processes.Any(process => process.IsRunning))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            // These are not our children, so there is nothing to wait on but /proc.
            await Task.Delay(Poll, cancellationToken);
        }
        return true;
    }

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "an nginx from an earlier run (pid {ProcessId}, {Workers} workers) still holds this work directory; stopping it")]
    private static partial void LogStale(ILogger logger, int processId, int workers);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "the nginx from an earlier run (pid {ProcessId}) did not quit within {Seconds} s; killing it and its workers")]
    private static partial void LogKilling(ILogger logger, int processId, double seconds);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "the nginx from an earlier run (pid {ProcessId}) or one of its workers is still running after SIGKILL")]
    private static partial void LogLingering(ILogger logger, int processId);
}
