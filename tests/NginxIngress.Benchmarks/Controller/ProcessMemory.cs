using System.Diagnostics;
using System.Globalization;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>
/// What Linux says about one process: resident memory (<c>VmRSS</c>), its high-water mark (<c>VmHWM</c>) and CPU
/// time, read from /proc. The controller is measured alone; its nginx children are separate processes.
/// </summary>
internal static class ProcessMemory
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Ticks of CPU (user + system) that count as "doing nothing" per second: timers and the 500 ms folder scan.</summary>
    private const long IdleTicksPerSecond = 3;

    public static double RssMebibytes(int pid) => StatusKilobytes(pid, "VmRSS:") / 1024.0;

    public static double PeakRssMebibytes(int pid) => StatusKilobytes(pid, "VmHWM:") / 1024.0;

    /// <summary>
    /// Resets <c>VmHWM</c> to the current RSS (writing 5 to clear_refs, Linux 4.0+), so a later read gives the peak
    /// of what happened in between, not of start-up. False when the kernel or permissions refuse.
    /// </summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until the process has been idle for a second, at least <paramref name="minimum"/> after the call,
    /// sampling RSS meanwhile. Returns when the busy stretch ended (relative to the call, to within the 50 ms sampling) and the highest sampled RSS.
    /// </summary>
    public static async Task<(TimeSpan BusyFor, double SampledPeakMebibytes)> WaitUntilIdleAsync(int pid, TimeSpan minimum, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var peak = RssMebibytes(pid);
        var window = new Queue<(TimeSpan At, long Ticks)>();
        while (clock.Elapsed < timeout)
        {
            var ticks = CpuTicks(pid);
            var now = clock.Elapsed;
            peak = Math.Max(peak, RssMebibytes(pid));
            window.Enqueue((now, ticks));
            while (window.Count > 1 && now - window.Peek().At > TimeSpan.FromSeconds(1))
            {
                window.Dequeue();
            }
            var (oldestAt, oldestTicks) = window.Peek();
            // Idle: a whole second without more than timer-level CPU. The busy stretch ended at that second's start.
            if (now - oldestAt >= TimeSpan.FromSeconds(0.95) && ticks - oldestTicks <= IdleTicksPerSecond && now >= minimum)
            {
                return (oldestAt, peak);
            }
            await Task.Delay(SampleInterval);
        }
        return (clock.Elapsed, peak);
    }

    /// <summary>utime + stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (USER_HZ, 100 on Linux).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long StatusKilobytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
