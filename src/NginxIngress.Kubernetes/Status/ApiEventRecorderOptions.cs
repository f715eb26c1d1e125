namespace NginxIngress.Kubernetes.Status;

/// <summary>Limits of <see cref="ApiEventRecorder"/>. The defaults keep a crash-looping config from flooding etcd.</summary>
public sealed record ApiEventRecorderOptions
{
    public static readonly ApiEventRecorderOptions Default = new();

    /// <summary>An identical event within this long of the last one is counted in the existing Event's series instead of creating one.</summary>
    public TimeSpan DedupeWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>New Events one object may get at once (token bucket size).</summary>
    public int BurstPerObject { get; init; } = 10;

    /// <summary>One more new Event per object is allowed every this long (token bucket refill).</summary>
    public TimeSpan RefillInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Writes waiting for the API at most; beyond that new events are dropped.</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>How long one API write may take before it is abandoned.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long disposing waits for queued writes before dropping the rest.</summary>
    public TimeSpan DisposeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Remembered series and buckets above which expired ones are swept.</summary>
    public int TrackedLimit { get; init; } = 4096;
}
