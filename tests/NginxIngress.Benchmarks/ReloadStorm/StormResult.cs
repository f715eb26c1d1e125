using System.Globalization;

namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>One storm's figures, and its row in the report.</summary>
internal sealed record StormResult(TimeSpan Took, double ReloadP50Seconds, int PeakGenerations, long PeakRss, long PeakPss, int HeldBack, double HeldBackSeconds, int GaveUp)
{
    public string Row(int bound) => string.Create(CultureInfo.InvariantCulture,
        $"| {(bound == 0 ? "0 (no bound)" : bound)} | {Took.TotalSeconds:F1} s | {ReloadP50Seconds:F2} s | {PeakGenerations} | {PeakRss / 1048576.0:F0} MiB | {PeakPss / 1048576.0:F0} MiB | {HeldBack} | {HeldBackSeconds:F1} s | {GaveUp} |");
}
