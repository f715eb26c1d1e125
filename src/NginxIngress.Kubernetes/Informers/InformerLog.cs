using Microsoft.Extensions.Logging;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>The informers' log lines, source-generated, with stable event ids in the 400 range.</summary>
internal static partial class InformerLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "{Informer}: listed {Count} objects in {Pages} pages at resourceVersion {ResourceVersion}")]
    public static partial void Listed(this ILogger logger, string informer, int count, int pages, string resourceVersion);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "{Informer}: watching from resourceVersion {ResourceVersion} for up to {TimeoutSeconds} s")]
    public static partial void Watching(this ILogger logger, string informer, string resourceVersion, int timeoutSeconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "{Informer}: the watch ended after {Events} events; resuming from resourceVersion {ResourceVersion}")]
    public static partial void WatchEnded(this ILogger logger, string informer, int events, string resourceVersion);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "{Informer}: resourceVersion {ResourceVersion} is too old ({Reason}); relisting")]
    public static partial void Gone(this ILogger logger, string informer, string? resourceVersion, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "{Informer}: no event for {Seconds} s, so the connection may be half-open; reconnecting from resourceVersion {ResourceVersion}")]
    public static partial void Stalled(this ILogger logger, string informer, double seconds, string resourceVersion);

    [LoggerMessage(EventId = 405, Level = LogLevel.Debug, Message = "{Informer}: the stream ended under the client ({Reason}); reconnecting in {DelayMs} ms")]
    public static partial void BenignRetry(this ILogger logger, string informer, string reason, double delayMs);

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "{Informer}: request failed ({Reason}), attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void TransientRetry(this ILogger logger, string informer, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "{Informer}: request failed, attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void Retry(this ILogger logger, Exception exception, string informer, int attempt, double delayMs);

    [LoggerMessage(EventId = 408, Level = LogLevel.Error, Message = "{Informer}: the store failed to take {Operation} of {Object}; the informer carries on")]
    public static partial void SinkFailed(this ILogger logger, Exception exception, string informer, string operation, string @object);

    [LoggerMessage(EventId = 409, Level = LogLevel.Warning, Message = "{Informer}: skipped a watch event that could not be read: {Reason}")]
    public static partial void UnreadableEvent(this ILogger logger, string informer, string reason);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "{Informer}: the watch broke after {Events} events ({Reason}); reconnecting from resourceVersion {ResourceVersion}")]
    public static partial void WatchBroke(this ILogger logger, string informer, int events, string reason, string resourceVersion);

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "{Kind} {Object}: now named by an Ingress, {Outcome}")]
    public static partial void FetchedNamed(this ILogger logger, NginxIngress.Kubernetes.Store.ObjectKind kind, string @object, string outcome);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "{Kind} {Object}: now named by an Ingress, but reading it failed ({Reason}), attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void FetchRetry(this ILogger logger, NginxIngress.Kubernetes.Store.ObjectKind kind, string @object, string reason, int attempt, double delayMs);
}
