namespace NginxIngress.Nginx.Runtime;

/// <summary>How <see cref="ExternalNginx"/> waits for and watches the sidecar's nginx.</summary>
public sealed record ExternalNginxOptions
{
    public static ExternalNginxOptions Default { get; } = new();

    /// <summary>
    /// How long one apply waits for nginx to appear before it counts as failed and is retried with backoff; the
    /// watch retries at once when nginx does appear.
    /// </summary>
    public TimeSpan AppearTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the pid file is read: how soon a restarted nginx is noticed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
