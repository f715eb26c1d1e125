using System.Net;
using k8s;
using k8s.Autorest;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>Sorts the errors a list or watch can raise, to choose between relisting, retrying and the log level.</summary>
internal static class WatchFaults
{
    /// <summary>
    /// 410: the resourceVersion is older than the server keeps. On a watch it arrives only as an ERROR event
    /// turned into a <see cref="KubernetesException"/> (pitfall 3); a LIST continue token can expire the same way.
    /// Servers have sent both "Expired" and "Gone" as the reason, so only the code is trusted.
    /// </summary>
    public static bool IsGone(Exception exception) => exception switch
    {
        KubernetesException { Status.Code: 410 } => true,
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => true,
        _ => false,
    };

    /// <summary>
    /// What the client raises when a stream ends under it, or when a type has no objects and the server times
    /// out: "no JSON tokens" and end-of-stream (pitfall 7). Worth a reconnect, not a warning.
    /// </summary>
    public static bool IsBenign(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is EndOfStreamException
                || current.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Connection trouble and server overload (pitfall 8): retried quietly with backoff.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        IOException or HttpRequestException or TimeoutException => true,
        OperationCanceledException => true, // the client's own request timeout, not our token (checked by the caller)
        HttpOperationException { Response.StatusCode: var code } => IsRetryable((int)code),
        KubernetesException { Status.Code: int code } => IsRetryable(code),
        _ => false,
    };

    private static bool IsRetryable(int statusCode) => statusCode is 429 or >= 500;
}
