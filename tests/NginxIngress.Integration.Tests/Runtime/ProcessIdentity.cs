using System.Globalization;

namespace NginxIngress.Integration.Tests.Runtime;

/// <summary>
/// A process as /proc shows it: its pid plus its start time, so a pid the kernel recycles for another process
/// is not mistaken for the one the test saw.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, ulong StartTime)
{
    public static ProcessIdentity? Capture(int pid) => Stat.Read(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTime) : null;

    /// <summary>Still this process and not yet exited (a zombie has exited).</summary>
    public bool IsRunning => Stat.Read(Pid) is { } stat && stat.StartTime == StartTime && stat.State is not 'Z' and not 'X';

    /// <summary>Exited and reaped: no zombie of it is left in the process table.</summary>
    public bool IsReaped => Stat.Read(Pid) is not { } stat || stat.StartTime != StartTime;

    /// <summary>Stopped by a signal (SIGSTOP): it acts on no other signal but SIGKILL until continued.</summary>
    public bool IsStopped => Stat.Read(Pid) is { } stat && stat.StartTime == StartTime && stat.State is 'T';

    public int? ProcessGroup => Stat.Read(Pid) is { } stat && stat.StartTime == StartTime ? stat.ProcessGroup : null;

    public override string ToString() => $"pid {Pid} ({(IsRunning ? "running" : IsReaped ? "reaped" : "zombie")})";

    private sealed record Stat(char State, int ProcessGroup, ulong StartTime)
    {
        public static Stat? Read(int pid)
        {
            try
            {
                // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
                // cutime cstime priority nice threads itrealvalue starttime ..."; comm may hold spaces and ')'.
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return new Stat(fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
