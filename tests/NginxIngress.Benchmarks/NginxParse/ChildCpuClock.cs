using System.Runtime.InteropServices;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>
/// CPU time (user + system) of child processes that have exited and been reaped, from getrusage(2). On a
/// shared two-core machine wall time swings with whatever else runs; the CPU time nginx spent parsing does not.
/// </summary>
internal static class ChildCpuClock
{
    private const int RusageChildren = -1;

    public static TimeSpan Total()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(RusageChildren, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }
        return usage.UserTime.ToTimeSpan() + usage.SystemTime.ToTimeSpan();
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs this clock does not read (144 bytes in all).
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Rusage
    {
        public TimeValue UserTime;
        public TimeValue SystemTime;
    }
}
