using System.Runtime.InteropServices;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The few POSIX calls supervising nginx needs and .NET does not offer: signals other than SIGKILL (HUP
/// reloads, QUIT drains and stops), becoming a child subreaper, and reaping orphans.
/// </summary>
internal static partial class PosixSignals
{
    public const int Hangup = 1;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Terminate = 15;

    private const int SetChildSubreaper = 36;

    public static bool Send(int processId, int signal) => SendSignal(processId, signal) == 0;

    /// <summary>
    /// Makes this process adopt its descendants' orphans. When an nginx master dies, its workers then
    /// become our children instead of init's, so they can be found and stopped: left alone they keep the
    /// listening sockets and would answer in place of the restarted nginx.
    /// </summary>
    public static void BecomeSubreaper() => _ = ProcessControl(SetChildSubreaper, 1, 0, 0, 0);

    /// <summary>Collects the exit status of a child this process did not start through .NET, so it leaves no zombie.</summary>
    public static void Reap(int processId) => _ = WaitProcess(processId, out _, 0);

    /// <summary>Children of this process whose command name is <paramref name="command"/> (from /proc).</summary>
    public static IReadOnlyList<int> Children(string command)
    {
        var self = Environment.ProcessId;
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (name == command && int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == self)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
        }
        return children;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int ProcessControl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitProcess(int pid, out int status, int options);
}
