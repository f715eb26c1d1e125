using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// Watch streams: HTTP 200, chunked, one JSON event per line, flushed per event, until the client leaves, the
/// server-side timeout passes, or the emulator drops the connection.
/// </summary>
internal sealed class WatchEndpoint(VersionedObjectStore store, StallSwitch stall)
{
    private readonly ConcurrentDictionary<HttpContext, byte> _open = new();

    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int OpenCount => _open.Count;

    /// <summary>Aborts every open watch connection, as a load balancer or apiserver restart would.</summary>
    public void DropAll()
    {
        foreach (var context in _open.Keys)
        {
            context.Abort();
        }
    }

    public async Task WatchAsync(HttpContext context, ApiRoute route, Action streaming, CancellationToken shutdown)
    {
        var query = context.Request.Query;
        var filter = ObjectFilter.Create(route.Resource, route.Namespace, query["labelSelector"], query["fieldSelector"]);
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var initialEvents = InitialEvents(query["sendInitialEvents"], query["resourceVersionMatch"], bookmarks);
        TimeSpan? timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

        WatchSubscription watch;
        try
        {
            watch = store.Watch(filter, query["resourceVersion"], bookmarks, initialEvents);
        }
        catch (ApiStatusException expired) when (expired.Code == StatusCodes.Status410Gone)
        {
            // The real server accepts the watch and reports expiry in-band, as a single ERROR event.
            await StartStreamAsync(context);
            var line = new WatchFrame("ERROR", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(expired.ToStatus())).ToLine();
            await context.Response.Body.WriteAsync(line, context.RequestAborted);
            return;
        }

        _open.TryAdd(context, 0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown);
        try
        {
            await StartStreamAsync(context);
            streaming();
            await StreamAsync(context, watch, bookmarks, timeout, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left or the connection was dropped on purpose; either way the stream is over.
        }
        finally
        {
            _open.TryRemove(context, out _);
            store.StopWatching(watch);
        }
    }

    private async Task StreamAsync(HttpContext context, WatchSubscription watch, bool bookmarks, TimeSpan? timeout, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var lastSent = clock.Elapsed;
        Task<bool>? pending = null;
        while (!stop.IsCancellationRequested)
        {
            pending ??= watch.Frames.WaitToReadAsync(stop).AsTask();
            var wait = bookmarks ? BookmarkInterval - (clock.Elapsed - lastSent) : Timeout.InfiniteTimeSpan;
            if (timeout is { } limit && (wait == Timeout.InfiniteTimeSpan || limit - clock.Elapsed < wait))
            {
                wait = limit - clock.Elapsed;
            }
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                await Task.WhenAny(pending, Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, tick.Token));
                await tick.CancelAsync();
            }
            if (stall.IsStalled)
            {
                // Stalled means silent: no events, no bookmarks, and no clean end either, like a black-holed link.
                await stall.WaitOpenAsync(stop);
                lastSent = clock.Elapsed;
                continue;
            }
            if (timeout is { } end && clock.Elapsed >= end)
            {
                return;
            }
            if (pending.IsCompleted)
            {
                if (!await pending)
                {
                    return;
                }
                pending = null;
                while (!stall.IsStalled && watch.Frames.TryRead(out var frame))
                {
                    await context.Response.Body.WriteAsync(frame.ToLine(), stop);
                    await context.Response.Body.FlushAsync(stop);
                }
                lastSent = clock.Elapsed;
            }
            else if (bookmarks && clock.Elapsed - lastSent >= BookmarkInterval)
            {
                store.EnqueueBookmark(watch);
                // One bookmark per interval: without this, every pass of the loop until the read completes queued
                // another, and a dozen idle watches spun the thread pool dry.
                lastSent = clock.Elapsed;
            }
        }
    }

    /// <summary>
    /// The streaming-list options as apimachinery validates them: sendInitialEvents needs bookmarks and
    /// resourceVersionMatch=NotOlderThan, and a watch may carry resourceVersionMatch only together with it.
    /// </summary>
    private static bool InitialEvents(string? sendInitialEvents, string? match, bool bookmarks)
    {
        if (string.IsNullOrEmpty(sendInitialEvents))
        {
            return string.IsNullOrEmpty(match)
                ? false
                : throw new ApiStatusException(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
        }
        if (match != "NotOlderThan")
        {
            throw new ApiStatusException(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
        }
        if (sendInitialEvents == "true" && !bookmarks)
        {
            throw new ApiStatusException(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true");
        }
        return sendInitialEvents == "true";
    }

    private static async Task StartStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
