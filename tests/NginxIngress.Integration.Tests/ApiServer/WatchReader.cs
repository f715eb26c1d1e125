using k8s;

namespace NginxIngress.Integration.Tests.ApiServer;

/// <summary>Reads a client watch one event at a time, each with a deadline, so a missing event fails fast instead of hanging.</summary>
public sealed class WatchReader<T> : IAsyncDisposable
{
    private readonly IAsyncEnumerator<(WatchEventType Type, T Object)> _events;
    private readonly CancellationTokenSource _stop = new();
    private Task<bool>? _pending;

    public WatchReader(Func<CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> open)
    {
        _events = open(_stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    /// <summary>The next event, or null when the stream ended; throws when nothing happens before the deadline.</summary>
    public async Task<(WatchEventType Type, T Object)?> NextAsync(TimeSpan deadline)
    {
        if (await IsQuietForAsync(deadline))
        {
            throw new TimeoutException($"No watch event within {deadline}.");
        }
        var moved = await _pending!;
        _pending = null;
        return moved ? _events.Current : null;
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/>; a read still pending is kept for the next call.</summary>
    public async Task<bool> IsQuietForAsync(TimeSpan quiet)
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        return await Task.WhenAny(_pending, Task.Delay(quiet)) != _pending;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_pending is not null)
            {
                await _pending;
            }
            await _events.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Cancelling is how a client closes a watch.
        }
        _stop.Dispose();
    }
}
