using System.Runtime.InteropServices;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The few POSIX signal calls supervising nginx needs and .NET does not offer: signals other than SIGKILL
/// (HUP reloads, QUIT drains and stops), signals to a whole process group, and becoming a child subreaper.
/// </summary>
internal static partial class PosixSignals
{
    public const int Hangup = 1;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Terminate = 15;

    private const int SetChildSubreaper = 36;

    public static bool Send(int processId, int signal) => SendSignal(processId, signal) == 0;

    /// <summary>Signals every process in the group <paramref name="groupId"/> (kill(2) with a negative pid).</summary>
    public static bool SendToGroup(int groupId, int signal) => groupId > 1 && SendSignal(-groupId, signal) == 0;

    /// <summary>The process group this process belongs to; it must never be signalled as a stale nginx's group.</summary>
    public static int OwnProcessGroup => GetProcessGroup();

    /// <summary>
    /// Makes this process adopt its descendants' orphans. When an nginx master dies, its workers then
    /// become our children instead of init's, so they can be reaped once killed, and a restart knows that
    /// they (and the listening sockets they hold) are gone.
    /// </summary>
    public static void BecomeSubreaper() => _ = ProcessControl(SetChildSubreaper, 1, 0, 0, 0);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetProcessGroup();

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int ProcessControl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
