using System.Globalization;

namespace NginxIngress.Benchmarks.Published;

/// <summary>What /proc/PID/stat says about one process: its parent, CPU time (its own and its reaped children's) and start time.</summary>
public sealed record ProcStat(int Pid, int ParentPid, TimeSpan OwnCpu, TimeSpan ReapedChildrenCpu, long StartTicks)
{
    // sysconf(_SC_CLK_TCK) is 100 on every Linux this project runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Null when the process is gone (or this is not Linux).</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces; the fields after its last ')' are fixed.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat(pid, (int)Field(4), Ticks(Field(14) + Field(15)), Ticks(Field(16) + Field(17)), Field(22));
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Every process now, as pids.</summary>
    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
