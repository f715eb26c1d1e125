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

    public void Notify() => _pending.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _pending.Reader.ReadAsync(cancellationToken);
        var deadline = DateTime.UtcNow + MaxDelay;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }
            await Task.Delay(remaining < QuietPeriod ? remaining : QuietPeriod, cancellationToken);
            if (!_pending.Reader.TryRead(out _))
            {
                return;
            }
        }
    }
}
