using Microsoft.Extensions.Logging;

namespace NginxIngress.Kubernetes.Status;

/// <summary>The leader election's log lines, source-generated, with stable event ids in the 600 range.</summary>
internal static partial class LeaseElectionLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Leader election on Lease {Namespace}/{Lease} as {Identity}")]
    public static partial void Starting(this ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "{Identity} became the leader; this replica now writes Ingress status")]
    public static partial void StartedLeading(this ILogger logger, string identity);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "{Identity} is no longer the leader")]
    public static partial void StoppedLeading(this ILogger logger, string identity);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "The leader is now {Leader}")]
    public static partial void NewLeader(this ILogger logger, string leader);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Lease {Operation} failed with HTTP {StatusCode}; check that the controller may get, create and update leases")]
    public static partial void LeaseForbidden(this ILogger logger, Exception exception, string operation, int statusCode);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "Lease {Operation} lost a race (HTTP {StatusCode}); another replica wrote first")]
    public static partial void LeaseConflict(this ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Lease {Operation} failed")]
    public static partial void LeaseFailed(this ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 607, Level = LogLevel.Information, Message = "Leader election round ended; trying again in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, double delayMs);
}
