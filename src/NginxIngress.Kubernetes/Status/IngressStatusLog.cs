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

    [LoggerMessage(EventId = 627, Level = LogLevel.Warning, Message = "Neither --publish-status-address nor --publish-service is set, so the addresses to publish are those of the controller pods' nodes; but POD_NAME and POD_NAMESPACE are not set (set them through the downward API), so those pods cannot be found: Ingress status is left as it is")]
    public static partial void NoPodForNodeAddresses(this ILogger logger);

    [LoggerMessage(EventId = 628, Level = LogLevel.Warning, Message = "The controller's own pod {Pod} (POD_NAMESPACE/POD_NAME) was not found, so its labels cannot find the other controller pods")]
    public static partial void OwnPodMissing(this ILogger logger, string pod);

    [LoggerMessage(EventId = 629, Level = LogLevel.Debug, Message = "Node {Node} of a controller pod is gone; it contributes no address")]
    public static partial void NodeGone(this ILogger logger, string node);

    [LoggerMessage(EventId = 630, Level = LogLevel.Information, Message = "Shutting down as the leader while other controller pods still run: leaving the status for the next leader")]
    public static partial void LeavingStatusToNextLeader(this ILogger logger);

    [LoggerMessage(EventId = 631, Level = LogLevel.Information, Message = "Shutting down as the leader without POD_NAME and POD_NAMESPACE: other controller pods cannot be found, so the status is cleared as if this were the last")]
    public static partial void ClearingWithoutPod(this ILogger logger);

    [LoggerMessage(EventId = 632, Level = LogLevel.Warning, Message = "Listing the other controller pods failed; the status is cleared as if this were the last, as ingress-nginx does")]
    public static partial void ReplicaCheckFailed(this ILogger logger, Exception exception);
}
