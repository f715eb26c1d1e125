using Microsoft.Extensions.Logging;

namespace NginxIngress.Kubernetes.Status;

/// <summary>The event recorder's log lines, source-generated, with stable event ids in the 510 range.</summary>
internal static partial class EventLog
{
    [LoggerMessage(EventId = 510, Level = LogLevel.Debug, Message = "event {Reason} on {Subject} dropped: {Why}")]
    public static partial void Dropped(this ILogger logger, string reason, string subject, string why);

    [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "could not write event {Reason} on {Subject}: {Error}; events are best effort, further failures are logged at Debug until one succeeds")]
    public static partial void WriteFailed(this ILogger logger, string reason, string subject, string error);

    [LoggerMessage(EventId = 512, Level = LogLevel.Debug, Message = "could not write event {Reason} on {Subject}: {Error}")]
    public static partial void WriteFailedAgain(this ILogger logger, string reason, string subject, string error);

    [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "the API server forbids writing events ({Error}); grant create and patch on events.k8s.io events to see them. Logged once")]
    public static partial void Forbidden(this ILogger logger, string error);

    [LoggerMessage(EventId = 514, Level = LogLevel.Information, Message = "events are written again after {Failures} failed writes")]
    public static partial void Recovered(this ILogger logger, int failures);

    [LoggerMessage(EventId = 515, Level = LogLevel.Information, Message = "stopped with {Pending} events not written")]
    public static partial void DroppedOnStop(this ILogger logger, int pending);
}
