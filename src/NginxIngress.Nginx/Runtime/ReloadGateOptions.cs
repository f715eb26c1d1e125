namespace NginxIngress.Nginx.Runtime;

/// <summary>How many worker generations a reload may leave alive, and how long it waits for older ones to drain.</summary>
public sealed record ReloadGateOptions
{
    public static ReloadGateOptions Default { get; } = new();

    /// <summary>
    /// Generations alive at most, counting the one the reload starts (<c>--max-worker-generations</c>); 0 turns the
    /// bound off. Four lets a reload storm keep the current config and three draining ones, each holding its
    /// long-lived connections, while memory stays within a few copies of the config.
    /// </summary>
    public int MaxGenerations { get; init; } = 4;

    /// <summary>
    /// The longest a reload waits for generations to drain (<c>--max-worker-generations-wait</c>) before it goes
    /// ahead anyway: a config change must not wait out a websocket's 240 s <c>worker_shutdown_timeout</c>.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often /proc is read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
