namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>One timed <c>nginx -t</c>.</summary>
/// <param name="Elapsed">Wall time, start to exit.</param>
/// <param name="Cpu">User + system CPU time; zero where getrusage is not available.</param>
/// <param name="PeakRssKilobytes">0 when the run ended before the first sample (or /proc is not there).</param>
public sealed record NginxParseRun(TimeSpan Elapsed, TimeSpan Cpu, long PeakRssKilobytes);
