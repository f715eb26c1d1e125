namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// A child started as the leader of its own process group (see <see cref="PosixSpawn"/>), so the nginx master's
/// pid is also the id of the group its workers inherit. The group ends with its leader: when the leader exits,
/// whatever is left in the group (workers that still hold the listening sockets) is killed and reaped, and
/// only then does <see cref="Exited"/> complete.
/// </summary>
/// <remarks>
/// .NET never learns of this child, so its SIGCHLD handling never waits for it, and this class waits only for
/// this group: the <c>nginx -t</c> runs that .NET starts are in the controller's own group and stay untouched.
/// </remarks>
internal sealed class ProcessGroupLeader
{
    /// <summary>SIGKILLed processes exit at once unless stuck in the kernel; do not hang the restart on one that is.</summary>
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource<GroupExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProcessGroupLeader(int id) => Id = id;

    /// <summary>The leader's pid, which is also its process group id.</summary>
    public int Id { get; }

    /// <summary>Completes once the leader has exited and the rest of its group is gone.</summary>
    public Task<GroupExit> Exited => _exited.Task;

    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static ProcessGroupLeader Start(string file, IReadOnlyList<string> arguments)
    {
        var leader = new ProcessGroupLeader(PosixSpawn.InNewProcessGroup(file, arguments));
        // waitid blocks, so it gets a thread of its own rather than one from the pool.
        new Thread(leader.AwaitExit) { IsBackground = true, Name = $"process group {leader.Id}" }.Start();
        return leader;
    }

    private void AwaitExit()
    {
        try
        {
            var ours = PosixWait.UntilExitedKeepingZombie(Id);
            // The leader is a zombie now, so its pid and the group id cannot have been reused: the group signalled
            // here is still nginx's. (When it was reaped elsewhere, the workers still hold the id while they live.)
            PosixSignals.SendToGroup(Id, PosixSignals.Kill);
            var reaping = PosixWait.ReapGroup(Id, ReapTimeout);
            var status = reaping.Reaped.TryGetValue(Id, out var leaderStatus) ? leaderStatus : ours ? "unknown status" : "reaped elsewhere";
            _exited.SetResult(new GroupExit(status, reaping.Reaped.Keys.Where(pid => pid != Id).Order().ToList(), reaping.Complete));
        }
        catch (Exception e)
        {
            _exited.SetException(e);
        }
    }
}

/// <param name="Status">How the leader ended, in words ("exit code 1", "signal 9").</param>
/// <param name="LeftBehind">Members of the group that outlived the leader and were killed.</param>
/// <param name="Complete">No member of the group was left unreaped when the timeout passed.</param>
internal sealed record GroupExit(string Status, IReadOnlyList<int> LeftBehind, bool Complete);
