namespace NginxIngress.Benchmarks.Controller;

/// <summary>What one size measured. A stage that failed leaves its fields and the later stages' null, and says why in <see cref="Failure"/>.</summary>
internal sealed record ControllerBenchResult(int Ingresses)
{
    public long? ConfigBytes { get; init; }

    public TimeSpan? ColdStart { get; init; }

    public double? ColdStartRssMebibytes { get; init; }

    public int? StartReloads { get; init; }

    public IReadOnlyList<TimeSpan> CreateLatencies { get; init; } = [];

    public int? CreateReloads { get; init; }

    public int? BurstReloads { get; init; }

    public TimeSpan? BurstLive { get; init; }

    public double? SteadyRssMebibytes { get; init; }

    /// <summary>VmHWM after a reset just before the resync; null when the kernel refused the reset.</summary>
    public double? ResyncPeakRssMebibytes { get; init; }

    public double? ResyncSampledPeakMebibytes { get; init; }

    public TimeSpan? ResyncBusy { get; init; }

    public int? ResyncReloads { get; init; }

    public string? Failure { get; init; }
}
