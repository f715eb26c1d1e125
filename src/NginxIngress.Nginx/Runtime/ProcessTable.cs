using System.Globalization;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Processes as /proc shows them: enough to find a stale nginx master's workers and to tell when they have
/// exited. A process is identified by its pid and start time together, so a recycled pid is not mistaken for it.
/// </summary>
internal static class ProcessTable
{
    public static ProcessEntry? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
            // cstime priority nice threads itrealvalue starttime ..."; comm may hold spaces and ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessEntry(
                pid,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                int.Parse(fields[2], CultureInfo.InvariantCulture),
                fields[0][0],
                ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The processes whose parent is <paramref name="parent"/> or whose group is <paramref name="group"/>.</summary>
    public static IReadOnlyList<ProcessEntry> ChildrenOrMembers(int parent, int? group)
    {
        var found = new List<ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } entry && (entry.Parent == parent || entry.Group == group))
            {
                found.Add(entry);
            }
        }
        return found;
    }

    /// <summary>The command line with its arguments joined by spaces; nginx rewrites its own to "nginx: master process …".</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

/// <param name="State">R, S, D, Z (exited, not yet reaped), X, ...</param>
/// <param name="StartTime">Clock ticks after boot; tells this process from a later one with the same pid.</param>
internal readonly record struct ProcessEntry(int Pid, int Parent, int Group, char State, ulong StartTime)
{
    /// <summary>Still this process, and not exited.</summary>
    public bool IsRunning => ProcessTable.Read(Pid) is { } now && now.StartTime == StartTime && now.State is not 'Z' and not 'X';
}
