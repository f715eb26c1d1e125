using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Publishes <see cref="ObjectEvent"/>s as events.k8s.io/v1 Events. <see cref="Record"/> only touches memory: writes
/// go through a bounded queue that one background task drains, so a slow or failing API server costs the caller
/// nothing. An identical event within <see cref="ApiEventRecorderOptions.DedupeWindow"/> updates the first Event's
/// <c>series</c> (count, lastObservedTime) instead of creating another, as the events.k8s.io API intends
/// (https://github.com/kubernetes/enhancements/tree/master/keps/sig-instrumentation/383-new-event-api-ga-graduation).
/// New Events are rate limited per object. Failed writes are not retried: an Event is a hint, and the next
/// reconcile reports the same problem again.
/// </summary>
public sealed class ApiEventRecorder : IEventRecorder, IAsyncDisposable
{
    /// <summary>The API rejects a longer note (validation counts bytes).</summary>
    public const int NoteLimitBytes = 1024;

    private const int NameLimit = 253;

    private readonly IKubernetes _client;
    private readonly string _reportingController;
    private readonly string _reportingInstance;
    private readonly ApiEventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(ObjectRef, EventType, string, string), EventSeries> _series = [];
    private readonly ObjectRateLimiter _limiter;
    private readonly Channel<EventWrite> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drain;
    private DateTimeOffset _lastSweep;
    private long _sequence;
    private long _created;
    private long _seriesUpdated;
    private long _folded;
    private long _dropped;
    private long _failed;
    private int _failureStreak;
    private int _forbiddenLogged;
    private int _disposed;

    /// <param name="reportingController">The Event's reportingController, e.g. <c>k8s.io/ingress-nginx</c>.</param>
    /// <param name="reportingInstance">The Event's reportingInstance: this replica, usually the pod name.</param>
    /// <param name="time">The clock for dedupe windows and rate limits; timeouts always use real time.</param>
    public ApiEventRecorder(
        IKubernetes client,
        string reportingController,
        string reportingInstance,
        ApiEventRecorderOptions? options = null,
        TimeProvider? time = null,
        ILogger<ApiEventRecorder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(reportingController);
        ArgumentException.ThrowIfNullOrEmpty(reportingInstance);
        _client = client;
        _reportingController = reportingController;
        _reportingInstance = reportingInstance;
        _options = options ?? ApiEventRecorderOptions.Default;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _limiter = new ObjectRateLimiter(_options.BurstPerObject, _options.RefillInterval);
        _queue = Channel.CreateBounded<EventWrite>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>Events the API created.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Series updates the API accepted.</summary>
    public long SeriesUpdated => Interlocked.Read(ref _seriesUpdated);

    /// <summary>Events counted into an earlier identical Event instead of creating one.</summary>
    public long Folded => Interlocked.Read(ref _folded);

    /// <summary>Events not written because of the rate limit, a full queue, or shutdown.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Writes the API refused or that failed on the way.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Record(ObjectEvent objectEvent)
    {
        ArgumentNullException.ThrowIfNull(objectEvent);
        var now = _time.GetUtcNow();
        var key = (objectEvent.Subject, objectEvent.Type, objectEvent.Reason, objectEvent.Note);
        lock (_gate)
        {
            SweepIfLarge(now);
            if (_series.TryGetValue(key, out var series) && !series.Abandoned && now - series.Last < _options.DedupeWindow)
            {
                series.Count++;
                series.Last = now;
                Interlocked.Increment(ref _folded);
                // One queued update carries every repeat before it is sent. When the queue is full the count
                // still grows and the next update carries it.
                if (!series.UpdateQueued && _queue.Writer.TryWrite(new EventWrite(series, Create: false)))
                {
                    series.UpdateQueued = true;
                }
                return;
            }
            if (!_limiter.TryTake(objectEvent.Subject, now))
            {
                Drop(objectEvent, "over the per-object rate limit");
                return;
            }
            series = new EventSeries(objectEvent, NameFor(objectEvent.Subject, now), NamespaceOf(objectEvent.Subject), now);
            if (!_queue.Writer.TryWrite(new EventWrite(series, Create: true)))
            {
                Drop(objectEvent, Volatile.Read(ref _disposed) == 0 ? "the queue is full" : "the recorder is stopped");
                return;
            }
            _series[key] = series;
        }
    }

    /// <summary>Waits up to <see cref="ApiEventRecorderOptions.DisposeTimeout"/> for queued writes, then drops the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        try
        {
            await _drain.WaitAsync(_options.DisposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Out of patience: cancel the write in flight and drop what is queued.
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await _drain.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var pending = 0;
        while (_queue.Reader.TryRead(out _))
        {
            pending++;
        }
        if (pending > 0)
        {
            Interlocked.Add(ref _dropped, pending);
            _logger.DroppedOnStop(pending);
        }
        _stop.Dispose();
    }

    /// <summary>The note as the API accepts it: at most <see cref="NoteLimitBytes"/> UTF-8 bytes, cut at a character boundary.</summary>
    public static string Truncate(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (Encoding.UTF8.GetByteCount(note) <= NoteLimitBytes)
        {
            return note;
        }
        const string ellipsis = "...";
        var budget = NoteLimitBytes - ellipsis.Length;
        var builder = new StringBuilder();
        foreach (var rune in note.EnumerateRunes())
        {
            budget -= rune.Utf8SequenceLength;
            if (budget < 0)
            {
                break;
            }
            builder.Append(rune.ToString());
        }
        return builder.Append(ellipsis).ToString();
    }

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var write in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await SendAsync(write).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while writes were still queued; DisposeAsync counts them.
        }
    }

    private async Task SendAsync(EventWrite write)
    {
        var series = write.Series;
        int count;
        DateTimeOffset last;
        lock (_gate)
        {
            if (!write.Create)
            {
                series.UpdateQueued = false;
            }
            if (series.Abandoned || (!write.Create && series.Count <= series.WrittenCount))
            {
                return;
            }
            count = series.Count;
            last = series.Last;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.SendTimeout);
        try
        {
            if (write.Create)
            {
                await _client.EventsV1.CreateNamespacedEventAsync(BuildEvent(series), series.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _created);
            }
            else
            {
                var patch = new V1Patch(SeriesPatch(count, last), V1Patch.PatchType.MergePatch);
                await _client.EventsV1.PatchNamespacedEventAsync(patch, series.Name, series.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _seriesUpdated);
            }
            lock (_gate)
            {
                series.WrittenCount = Math.Max(series.WrittenCount, write.Create ? 1 : count);
            }
            var streak = Interlocked.Exchange(ref _failureStreak, 0);
            if (streak > 0)
            {
                _logger.Recovered(streak);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposal gave up on this write; however the client surfaced the cancellation, it was not written.
            Interlocked.Increment(ref _dropped);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failed);
            var status = (e as HttpOperationException)?.Response?.StatusCode;
            // A create that failed leaves nothing to update; an update of an Event that expired (404) must not be
            // retried forever. Either way the next repeat starts a new Event.
            if (write.Create || status == HttpStatusCode.NotFound)
            {
                Abandon(series);
            }
            if (status == HttpStatusCode.Forbidden)
            {
                // Missing RBAC does not heal by itself, and every event would say so again.
                if (Interlocked.Exchange(ref _forbiddenLogged, 1) == 0)
                {
                    _logger.Forbidden(Describe(e));
                }
                return;
            }
            if (Interlocked.Increment(ref _failureStreak) == 1)
            {
                _logger.WriteFailed(series.Event.Reason, series.Event.Subject.ToString(), Describe(e));
            }
            else
            {
                _logger.WriteFailedAgain(series.Event.Reason, series.Event.Subject.ToString(), Describe(e));
            }
        }
    }

    private Eventsv1Event BuildEvent(EventSeries series)
    {
        var objectEvent = series.Event;
        var subject = objectEvent.Subject;
        return new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = series.Name, NamespaceProperty = series.Namespace },
            Regarding = new V1ObjectReference
            {
                ApiVersion = ApiVersionOf(subject.Kind),
                Kind = subject.Kind,
                NamespaceProperty = subject.Namespace.Length == 0 ? null : subject.Namespace,
                Name = subject.Name,
                Uid = objectEvent.Uid,
                ResourceVersion = objectEvent.ResourceVersion,
            },
            Type = objectEvent.Type.ToString(),
            Reason = objectEvent.Reason,
            Action = objectEvent.Action,
            Note = Truncate(objectEvent.Note),
            ReportingController = _reportingController,
            ReportingInstance = _reportingInstance,
            EventTime = series.First.UtcDateTime,
        };
    }

    private static string SeriesPatch(int count, DateTimeOffset last) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"series":{"count":{{{count}}},"lastObservedTime":"{{{last.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}}}"}}""");

    /// <summary>Unique per occurrence, like client-go's <c>{name}.{unix nanoseconds in hex}</c>.</summary>
    private string NameFor(ObjectRef subject, DateTimeOffset now)
    {
        var unique = ((now.ToUnixTimeMilliseconds() * 1_000_000) + Interlocked.Increment(ref _sequence)).ToString("x", CultureInfo.InvariantCulture);
        var name = subject.Name.Length + 1 + unique.Length > NameLimit ? subject.Name[..(NameLimit - 1 - unique.Length)].TrimEnd('.', '-') : subject.Name;
        return $"{name}.{unique}";
    }

    /// <summary>Events live in their object's namespace; those about cluster-scoped objects in <c>default</c>, as client-go does.</summary>
    private static string NamespaceOf(ObjectRef subject) => subject.Namespace.Length == 0 ? "default" : subject.Namespace;

    private static string? ApiVersionOf(string kind) => kind switch
    {
        "Ingress" or "IngressClass" => "networking.k8s.io/v1",
        "EndpointSlice" => "discovery.k8s.io/v1",
        "Service" or "Secret" or "ConfigMap" or "Pod" => "v1",
        _ => null,
    };

    private static string Describe(Exception e) =>
        e is HttpOperationException { Response: { } response } ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : e.Message;

    private void Abandon(EventSeries series)
    {
        lock (_gate)
        {
            series.Abandoned = true;
            var key = (series.Event.Subject, series.Event.Type, series.Event.Reason, series.Event.Note);
            if (_series.TryGetValue(key, out var current) && current == series)
            {
                _series.Remove(key);
            }
        }
    }

    private void Drop(ObjectEvent objectEvent, string why)
    {
        Interlocked.Increment(ref _dropped);
        _logger.Dropped(objectEvent.Reason, objectEvent.Subject.ToString(), why);
    }

    /// <summary>Keeps memory bounded: forgets series past their window and full buckets, at most once a second.</summary>
    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_series.Count + _limiter.Count <= _options.TrackedLimit || now - _lastSweep < TimeSpan.FromSeconds(1))
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, series) in _series.ToList())
        {
            if (now - series.Last >= _options.DedupeWindow)
            {
                _series.Remove(key);
            }
        }
        _limiter.Sweep(now);
    }

    private readonly record struct EventWrite(EventSeries Series, bool Create);
}
