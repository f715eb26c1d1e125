using Microsoft.Extensions.Logging;

namespace NginxIngress.Kubernetes.Status;

/// <summary>The status writer's log lines, source-generated, with stable event ids in the 620 range.</summary>
internal static partial class IngressStatusLog
{
    [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "--update-status=false: Ingress status is not written")]
    public static partial void Disabled(this ILogger logger);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Set the status of Ingress {Ingress} to [{Addresses}]")]
    public static partial void Wrote(this ILogger logger, string ingress, string addresses);

    [LoggerMessage(EventId = 622, Level = LogLevel.Warning, Message = "Writing the status of Ingress {Ingress} failed; the next sync retries")]
    public static partial void WriteFailed(this ILogger logger, Exception exception, string ingress);

    [LoggerMessage(EventId = 623, Level = LogLevel.Warning, Message = "The --publish-service {Service} was not found; status is left as it is")]
    public static partial void PublishServiceMissing(this ILogger logger, string service);

    [LoggerMessage(EventId = 624, Level = LogLevel.Warning, Message = "Status sync failed; the next sync retries")]
    public static partial void SyncFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 625, Level = LogLevel.Information, Message = "Shutting down as the leader: clearing the status of {Count} Ingresses")]
    public static partial void Clearing(this ILogger logger, int count);

    [LoggerMessage(EventId = 626, Level = LogLevel.Debug, Message = "Ingress {Ingress} is gone; its status needs no write")]
    public static partial void IngressGone(this ILogger logger, string ingress);
}
