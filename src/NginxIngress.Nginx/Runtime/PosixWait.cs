using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// waitid(2) and waitpid(2) for the children .NET does not know: the nginx master started with
/// <see cref="PosixSpawn"/> and the workers it orphans. Never for a pid that .NET started: its own reaper
/// would then find that child gone and fail fast ("Error while reaping child").
/// </summary>
internal static partial class PosixWait
{
    private const int IdTypePid = 1;          // P_PID
    private const int Exited = 4;             // WEXITED
    private const int NoHang = 1;             // WNOHANG
    private const int KeepZombie = 0x01000000; // WNOWAIT
    private const int Interrupted = 4;        // EINTR
    private const int NoChild = 10;           // ECHILD
    private const int SignalInfoSize = 128;   // sizeof(siginfo_t) on Linux

    private static readonly TimeSpan ReapPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Blocks until the child <paramref name="pid"/> has exited, and leaves it unreaped: while it is a zombie
    /// its pid, and so its process group id, cannot be given to another process. False when it is not our
    /// child (anymore), for example because a runtime that ignores SIGCHLD reaped it already.
    /// </summary>
    public static bool UntilExitedKeepingZombie(int pid)
    {
        var info = Marshal.AllocHGlobal(SignalInfoSize);
        try
        {
            while (true)
            {
                if (WaitId(IdTypePid, (uint)pid, info, Exited | KeepZombie) == 0)
                {
                    return true;
                }
                switch (Marshal.GetLastPInvokeError())
                {
                    case Interrupted:
                        continue;
                    case NoChild:
                        return false;
                    case var error:
                        throw new Win32Exception(error, $"waitid({pid}) failed");
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(info);
        }
    }

    /// <summary>
    /// Reaps our children in process group <paramref name="groupId"/> until none is left (ECHILD) or the
    /// timeout passes. Members that are not our children (no subreaper) are left to whoever adopted them.
    /// </summary>
    public static GroupReaping ReapGroup(int groupId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var reaped = new Dictionary<int, string>();
        while (true)
        {
            var pid = WaitProcess(-groupId, out var status, NoHang);
            if (pid > 0)
            {
                reaped[pid] = Describe(status);
            }
            else if (pid == 0)
            {
                // Members are still dying (SIGKILL is delivered, not yet acted on).
                if (DateTime.UtcNow > deadline)
                {
                    return new GroupReaping(reaped, Complete: false);
                }
                Thread.Sleep(ReapPoll);
            }
            else
            {
                switch (Marshal.GetLastPInvokeError())
                {
                    case Interrupted:
                        continue;
                    case NoChild:
                        return new GroupReaping(reaped, Complete: true);
                    case var error:
                        throw new Win32Exception(error, $"waitpid(-{groupId}) failed");
                }
            }
        }
    }

    /// <summary>A wait(2) status in words: "exit code 1" or "signal 9".</summary>
    private static string Describe(int status) => (status & 0x7f) switch
    {
        0 => $"exit code {(status >> 8) & 0xff}",
        0x7f => $"stopped by signal {(status >> 8) & 0xff}",
        var signal => $"signal {signal}",
    };

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static partial int WaitId(int idType, uint id, nint info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitProcess(int pid, out int status, int options);
}

/// <param name="Reaped">Each reaped pid with how it ended.</param>
/// <param name="Complete">No child of ours was left in the group.</param>
internal sealed record GroupReaping(IReadOnlyDictionary<int, string> Reaped, bool Complete);
