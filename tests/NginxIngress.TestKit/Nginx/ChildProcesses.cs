using System.Globalization;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// Reads /proc to find an nginx master's workers. A reload is only finished when the old workers are gone (until
/// then they may still accept a request with the old routes), and a master that dies hard can leave workers
/// behind that keep the port open.
/// </summary>
public static class ChildProcesses
{
    public static IReadOnlyList<int> Of(int parentPid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == parentPid)
            {
                children.Add(pid);
            }
        }
        return children;
    }

    public static bool IsAlive(int pid) => ParentOf(pid) is not null && State(pid) is not 'Z' and not 'X';

    /// <summary>True while <paramref name="pid"/> is still an nginx worker (and not a recycled pid of something else).</summary>
    public static bool IsNginxWorker(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("nginx: worker", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? ParentOf(int pid) =>
        StatFields(pid) is { Length: > 1 } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;

    private static char? State(int pid) => StatFields(pid) is { Length: > 0 } fields ? fields[0][0] : null;

    /// <summary>The fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
