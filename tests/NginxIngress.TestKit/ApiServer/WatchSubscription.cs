using System.Threading.Channels;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// One open watch as the store sees it: a filter and an unbounded queue of frames. The store fills the queue under
/// its lock, so a watch's events are in resourceVersion order with no gap between the replay and the live tail.
/// </summary>
internal sealed class WatchSubscription(ObjectFilter filter, bool bookmarks)
{
    private readonly Channel<WatchFrame> _frames = Channel.CreateUnbounded<WatchFrame>(new UnboundedChannelOptions { SingleReader = true });

    public ObjectFilter Filter { get; } = filter;

    public bool Bookmarks { get; } = bookmarks;

    public ChannelReader<WatchFrame> Frames => _frames.Reader;

    public void Enqueue(WatchFrame frame) => _frames.Writer.TryWrite(frame);

    public void Complete() => _frames.Writer.TryComplete();
}
