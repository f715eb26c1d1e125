using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Store;
using Polly;
using Polly.Retry;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// Reads, with one GET each, the Secrets and ConfigMaps whose data the API source let go of because nothing named
/// them, as soon as an Ingress starts naming one (<see cref="StoreSource.ContentWanted"/>). The informers keep
/// watching every Secret, so the source already knows which exist; this only brings back the data. A fetch is
/// retried while the object is still wanted; it holds the render back for at most
/// <see cref="NamedObjectFetcherOptions.HoldBackSyncFor"/>.
/// </summary>
public sealed class NamedObjectFetcher
{
    private readonly IKubernetes _client;
    private readonly StoreSource _source;
    private readonly NamedObjectFetcherOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<(ObjectKind Kind, ObjectKey Key)> _wanted =
        Channel.CreateUnbounded<(ObjectKind, ObjectKey)>(new UnboundedChannelOptions { SingleWriter = false });
    private int _fetched;

    public NamedObjectFetcher(
        IKubernetes client, StoreSource source, NamedObjectFetcherOptions? options = null, ILogger<NamedObjectFetcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        _client = client;
        _source = source;
        _options = options ?? NamedObjectFetcherOptions.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // Subscribed at construction, before any informer runs, so no wanted object is missed.
        source.ContentWanted += (kind, key) => _wanted.Writer.TryWrite((kind, key));
    }

    /// <summary>Objects fetched and handed to the store so far.</summary>
    public int Fetched => Volatile.Read(ref _fetched);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(_wanted.Reader.ReadAllAsync(cancellationToken), parallel,
                (wanted, token) => FetchAsync(wanted.Kind, wanted.Key, token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async ValueTask FetchAsync(ObjectKind kind, ObjectKey key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure but cancellation is retried while the object is wanted: 403 too, since RBAC can be
                // fixed while we wait. A 404 is not a failure: the object is gone, and the store hears so.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null and not OperationCanceledException && _source.IsWanted(kind, key)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                OnRetry = args =>
                {
                    _logger.FetchRetry(kind, key.ToString(), args.Outcome.Exception!.Message, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    if (Stopwatch.GetElapsedTime(started) >= _options.HoldBackSyncFor)
                    {
                        _source.StopHoldingBack(kind, key);
                    }
                    return default;
                },
            })
            .Build();
        try
        {
            await retry.ExecuteAsync(async token =>
            {
                if (!_source.IsWanted(kind, key))
                {
                    return;
                }
                var item = await ReadAsync(kind, key, token).ConfigureAwait(false);
                if (_source.Fetched(kind, key, item))
                {
                    Interlocked.Increment(ref _fetched);
                    _logger.FetchedNamed(kind, key.ToString(), item is null ? "gone" : "fetched");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No longer wanted while failing: nothing more to do.
        }
    }

    /// <summary>The object, or null when the API says it does not exist.</summary>
    private async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ObjectKind kind, ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return kind switch
            {
                ObjectKind.Secret => Typed(await _client.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false), "Secret"),
                ObjectKind.ConfigMap => Typed(await _client.CoreV1.ReadNamespacedConfigMapAsync(key.Name, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false), "ConfigMap"),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only Secrets and ConfigMaps are fetched one by one"),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sets apiVersion and kind as the informers do, so a fetched object reads like a listed one.</summary>
    private static IKubernetesObject<V1ObjectMeta> Typed(IKubernetesObject<V1ObjectMeta> item, string kind)
    {
        item.ApiVersion = "v1";
        item.Kind = kind;
        return item;
    }
}
