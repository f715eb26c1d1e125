using System.Threading.Channels;

namespace NginxIngress.Controller.Hosting;

/// <summary>
/// Coalesces change notifications. After the first one it waits until the sources have been quiet for
/// <see cref="QuietPeriod"/>, but never longer than <see cref="MaxDelay"/>, so a burst of a thousand edits
/// becomes one reconcile while a steady trickle still gets applied.
/// </summary>
internal sealed class ReconcileSignal
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _notifications;

    public void Notify()
    {
        Interlocked.Increment(ref _notifications);
        _pending.Writer.TryWrite(true);
    }

    /// <summary>Returns once a reconcile is due, with the number of notifications it answers (at least one).</summary>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _pending.Reader.ReadAsync(cancellationToken);
        var deadline = DateTime.UtcNow + MaxDelay;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return Taken();
            }
            await Task.Delay(remaining < QuietPeriod ? remaining : QuietPeriod, cancellationToken);
            if (!_pending.Reader.TryRead(out _))
            {
                return Taken();
            }
        }
    }

    /// <summary>
    /// The notifications since the last reconcile began. One that lands between the last read of the channel and this
    /// exchange is counted here although it also starts the next reconcile (which then answers at least one): the
    /// count of folded notifications errs by at most one per reconcile, and no notification is lost.
    /// </summary>
    private int Taken() => Math.Max(1, Interlocked.Exchange(ref _notifications, 0));
}
