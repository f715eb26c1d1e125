using System.Runtime.ExceptionServices;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// Keeps a sink in step with one kind: LIST (paginated) into <see cref="IInformerSink{T}.Replace"/>, then WATCH
/// from the list's resourceVersion into Upsert and Delete, forever. A watch that ends, stalls or breaks is
/// resumed from the last resourceVersion seen; a 410 forces a fresh list. The numbered pitfalls are those of
/// the KubernetesClient watch API listed in the style anchors, section 5.
/// </summary>
public sealed class ResourceInformer<T> : IResourceInformer
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly ResourceKind<T> _kind;
    private readonly IInformerSink<T> _sink;
    private readonly ResourceInformerOptions _options;
    private readonly ILogger _logger;
    private readonly IInformerObserver? _observer;
    private readonly ResiliencePipeline _retry;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Written only by the loop; read by others through ResourceVersion.
    private string? _resourceVersion;

    public ResourceInformer(
        IKubernetes client,
        ResourceKind<T> kind,
        IInformerSink<T> sink,
        ResourceInformerOptions? options = null,
        ILogger<ResourceInformer<T>>? logger = null,
        IInformerObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(sink);
        _client = client;
        _kind = kind;
        _sink = sink;
        _options = options ?? ResourceInformerOptions.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _observer = observer;
        _retry = BuildRetry();
    }

    public string Name => _kind.ToString();

    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    public Task Synced => _synced.Task;

    /// <summary>Where the next watch resumes; null when the next step is a full list.</summary>
    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // One execution per cycle, so the backoff grows only across consecutive failures.
                await _retry.ExecuteAsync(
                    static (informer, token) => informer.RunCycleAsync(token), this, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown. Cancelling a watch can surface as an IOException from the torn-down stream rather than
            // an OperationCanceledException, and a read cancelled inside the client may still surface later as
            // an unobserved task exception (pitfall 9, kubernetes-client/csharp#1813): noise, not failures.
        }
        finally
        {
            _synced.TrySetCanceled(cancellationToken);
        }
    }

    private async ValueTask RunCycleAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (ResourceVersion is null)
            {
                await ListAsync(cancellationToken).ConfigureAwait(false);
            }
            await WatchAsync(ResourceVersion!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (WatchFaults.IsGone(exception) && !cancellationToken.IsCancellationRequested)
        {
            _logger.Gone(Name, ResourceVersion, Describe(exception));
            Volatile.Write(ref _resourceVersion, null);
            _observer?.Restarted(_kind.Kind, InformerRestart.Gone);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? continueToken = null;
        string? listVersion;
        var pages = 0;
        do
        {
            var page = await _kind.ListAsync(_client, continueToken, _options.PageSize, cancellationToken).ConfigureAwait(false);
            pages++;
            foreach (var item in page.Items)
            {
                // List items arrive without apiVersion and kind (pitfall 5); the store keys on them.
                item.ApiVersion = _kind.ApiVersion;
                item.Kind = _kind.Kind;
                items.Add(item);
            }
            continueToken = page.Continue;
            // Every page of one list is served from the same snapshot; the watch starts at the list's version,
            // never at the newest item's, and versions are opaque, never compared (pitfall 6).
            listVersion = page.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        if (string.IsNullOrEmpty(listVersion))
        {
            throw new InvalidOperationException($"The {Name} list came without a resourceVersion to watch from.");
        }

        // Replace, never merge: objects deleted while the watch was down must vanish (pitfall 4).
        Deliver("the full list", default, static (sink, all) => sink.Replace(all), items);
        Volatile.Write(ref _resourceVersion, listVersion);
        _logger.Listed(Name, items.Count, pages, listVersion);
        _synced.TrySetResult();
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeoutSeconds = JitteredWatchTimeout();
        _logger.Watching(Name, resourceVersion, timeoutSeconds);

        // The watchdog: every event, bookmarks included, pushes the deadline out. A half-open connection
        // delivers nothing and would otherwise wait forever on an infinite timeout (pitfall 2).
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(_options.StallTimeout);
        var events = 0;
        try
        {
            var stream = _kind.WatchAsync(_client, resourceVersion, timeoutSeconds, OnWatchError, watchdog.Token);
            await foreach (var (type, item) in stream.ConfigureAwait(false))
            {
                watchdog.CancelAfter(_options.StallTimeout);
                events++;
                Apply(type, item);
            }
            // A clean end (server timeout, load balancer): resume from where we are, no relist (pitfall 1).
            _logger.WatchEnded(Name, events, ResourceVersion!);
            _observer?.Restarted(_kind.Kind, InformerRestart.Ended);
        }
        catch (Exception) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _logger.Stalled(Name, _options.StallTimeout.TotalSeconds, ResourceVersion!);
            _observer?.Restarted(_kind.Kind, InformerRestart.Stalled);
        }
        catch (Exception exception) when (events > 0 && !WatchFaults.IsGone(exception) && !cancellationToken.IsCancellationRequested)
        {
            // The connection worked and then broke: reconnect now, with the backoff reset, rather than let
            // the failures of a long-lived watch add up to the maximum delay.
            if (WatchFaults.IsBenign(exception))
            {
                _logger.WatchEnded(Name, events, ResourceVersion!);
                _observer?.Restarted(_kind.Kind, InformerRestart.Ended);
            }
            else
            {
                _logger.WatchBroke(Name, events, Describe(exception), ResourceVersion!);
                _observer?.Restarted(_kind.Kind, InformerRestart.Broke);
            }
        }
    }

    /// <summary>
    /// ERROR events (410 among them) reach us only here, as a <see cref="KubernetesException"/>, and are not
    /// yielded (pitfall 3). Throwing is the only way to stop the enumeration without cancelling a read
    /// (pitfall 10). The client calls this a second time with the exception we threw; rethrowing the same
    /// instance keeps that idempotent.
    /// </summary>
    private void OnWatchError(Exception exception)
    {
        if (exception is KubernetesException)
        {
            ExceptionDispatchInfo.Throw(exception);
        }
        // Otherwise a line that did not deserialise: the client skips it and reads on.
        if (!WatchFaults.IsBenign(exception))
        {
            _logger.UnreadableEvent(Name, exception.Message);
        }
    }

    private void Apply(WatchEventType type, T item)
    {
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                Stamp(item);
                Deliver("an upsert", item, static (sink, one) => sink.Upsert(one), item);
                break;
            case WatchEventType.Deleted:
                Stamp(item);
                Deliver("a delete", item, static (sink, one) => sink.Delete(one), item);
                break;
            case WatchEventType.Bookmark:
                // A bookmark carries only a fresh resourceVersion: it moves the resume point, nothing else.
                break;
            default:
                return;
        }
        var version = item.Metadata?.ResourceVersion;
        if (!string.IsNullOrEmpty(version))
        {
            Volatile.Write(ref _resourceVersion, version);
        }
    }

    private void Stamp(T item)
    {
        item.ApiVersion ??= _kind.ApiVersion;
        item.Kind ??= _kind.Kind;
    }

    /// <summary>A throwing store must not end the loop (pitfall 15): it is logged and the informer carries on.</summary>
    private void Deliver<TArg>(string operation, T? subject, Action<IInformerSink<T>, TArg> action, TArg argument)
    {
        try
        {
            action(_sink, argument);
        }
        catch (Exception exception)
        {
            var name = subject?.Metadata is { } meta ? $"{meta.NamespaceProperty}/{meta.Name}" : Name;
            _logger.SinkFailed(exception, Name, operation, name);
        }
    }

    private int JitteredWatchTimeout()
    {
        var min = Math.Max(1, (int)_options.MinWatchTimeout.TotalSeconds);
        var max = Math.Max(min, (int)_options.MaxWatchTimeout.TotalSeconds);
        return Random.Shared.Next(min, max + 1);
    }

    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            // Every failure is retried, 403 and 404 too: the loop must outlive any server state. The
            // classification only picks the log level.
            ShouldHandle = static args => ValueTask.FromResult(
                args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.RetryMaxDelay,
            OnRetry = args =>
            {
                var exception = args.Outcome.Exception!;
                var delayMs = args.RetryDelay.TotalMilliseconds;
                _observer?.Restarted(_kind.Kind, InformerRestart.Failed);
                if (WatchFaults.IsBenign(exception))
                {
                    _logger.BenignRetry(Name, Describe(exception), delayMs);
                }
                else if (WatchFaults.IsTransient(exception))
                {
                    _logger.TransientRetry(Name, Describe(exception), args.AttemptNumber + 1, delayMs);
                }
                else
                {
                    _logger.Retry(exception, Name, args.AttemptNumber + 1, delayMs);
                }
                return default;
            },
        })
        .Build();

    private static string Describe(Exception exception) => exception switch
    {
        KubernetesException { Status: { } status } => $"{status.Code} {status.Reason}: {status.Message}",
        k8s.Autorest.HttpOperationException http => $"HTTP {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
