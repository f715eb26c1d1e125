namespace NginxIngress.Core.Settings;

/// <summary>
/// Workers, client connections and upstream keepalive (reference §3). <see cref="WorkerProcesses"/>,
/// <see cref="MaxWorkerConnections"/> and <see cref="UpstreamKeepaliveConnections"/> are null unless the ConfigMap sets
/// them: their defaults belong to how the controller runs nginx (its flags and the test harness), not to the cluster.
/// </summary>
public sealed record ConnectionSettings
{
    public static readonly ConnectionSettings Default = new();

    /// <summary><c>worker-processes</c>: <c>auto</c> or a number; null keeps the controller's.</summary>
    public string? WorkerProcesses { get; init; }

    /// <summary><c>max-worker-connections</c>; null (or 0, ingress-nginx's "derive it") keeps the controller's.</summary>
    public int? MaxWorkerConnections { get; init; }

    /// <summary><c>worker-shutdown-timeout</c>, an nginx time.</summary>
    public string WorkerShutdownTimeout { get; init; } = "240s";

    /// <summary><c>keep-alive</c>, seconds.</summary>
    public int KeepAliveSeconds { get; init; } = 75;

    /// <summary><c>keep-alive-requests</c>.</summary>
    public int KeepAliveRequests { get; init; } = 1000;

    /// <summary><c>upstream-keepalive-connections</c>; null keeps the controller's per-Service default of 32.</summary>
    public int? UpstreamKeepaliveConnections { get; init; }

    /// <summary><c>upstream-keepalive-timeout</c>, seconds.</summary>
    public int UpstreamKeepaliveTimeoutSeconds { get; init; } = 60;

    /// <summary><c>upstream-keepalive-requests</c>.</summary>
    public int UpstreamKeepaliveRequests { get; init; } = 10000;

    /// <summary><c>client-header-buffer-size</c>, an nginx size.</summary>
    public string ClientHeaderBufferSize { get; init; } = "1k";

    /// <summary><c>client-header-timeout</c>, seconds.</summary>
    public int ClientHeaderTimeoutSeconds { get; init; } = 60;

    /// <summary><c>client-body-timeout</c>, seconds.</summary>
    public int ClientBodyTimeoutSeconds { get; init; } = 60;

    /// <summary><c>large-client-header-buffers</c>: how many, and how large.</summary>
    public (int Number, string Size) LargeClientHeaderBuffers { get; init; } = (4, "8k");

    internal static ConnectionSettings From(ConfigMapReader reader)
    {
        var d = Default;
        return new ConnectionSettings
        {
            WorkerProcesses = reader.Read(HttpConfigMapKeys.WorkerProcesses, d.WorkerProcesses,
                value => value == "auto" || ConfigMapValues.Int(1, 4096)(value).Item1 ? (true, value) : (false, null)),
            MaxWorkerConnections = reader.Read(HttpConfigMapKeys.MaxWorkerConnections, d.MaxWorkerConnections,
                value => ConfigMapValues.Int(0, 1_048_576)(value) is (true, var number) ? (true, number == 0 ? null : number) : (false, null)),
            WorkerShutdownTimeout = reader.Read(HttpConfigMapKeys.WorkerShutdownTimeout, d.WorkerShutdownTimeout, ConfigMapValues.Time),
            KeepAliveSeconds = reader.Read(HttpConfigMapKeys.KeepAlive, d.KeepAliveSeconds, ConfigMapValues.Int(0, 86_400)),
            KeepAliveRequests = reader.Read(HttpConfigMapKeys.KeepAliveRequests, d.KeepAliveRequests, ConfigMapValues.Int(1, 100_000_000)),
            UpstreamKeepaliveConnections = reader.Read(HttpConfigMapKeys.UpstreamKeepaliveConnections, d.UpstreamKeepaliveConnections,
                value => ConfigMapValues.Int(0, 100_000)(value) is (true, var number) ? (true, number) : (false, null)),
            UpstreamKeepaliveTimeoutSeconds = reader.Read(HttpConfigMapKeys.UpstreamKeepaliveTimeout, d.UpstreamKeepaliveTimeoutSeconds, ConfigMapValues.Int(1, 86_400)),
            UpstreamKeepaliveRequests = reader.Read(HttpConfigMapKeys.UpstreamKeepaliveRequests, d.UpstreamKeepaliveRequests, ConfigMapValues.Int(1, 100_000_000)),
            ClientHeaderBufferSize = reader.Read(HttpConfigMapKeys.ClientHeaderBufferSize, d.ClientHeaderBufferSize, ConfigMapValues.Size),
            ClientHeaderTimeoutSeconds = reader.Read(HttpConfigMapKeys.ClientHeaderTimeout, d.ClientHeaderTimeoutSeconds, ConfigMapValues.Int(1, 86_400)),
            ClientBodyTimeoutSeconds = reader.Read(HttpConfigMapKeys.ClientBodyTimeout, d.ClientBodyTimeoutSeconds, ConfigMapValues.Int(1, 86_400)),
            LargeClientHeaderBuffers = reader.Read(HttpConfigMapKeys.LargeClientHeaderBuffers, d.LargeClientHeaderBuffers,
                value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var number, var size]
                    && ConfigMapValues.Int(1, 1024)(number) is (true, var count) && ConfigMapValues.IsSize(size)
                    ? (true, (count, size)) : (false, default)),
        };
    }
}
