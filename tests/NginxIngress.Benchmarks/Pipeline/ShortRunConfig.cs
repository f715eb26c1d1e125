using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace NginxIngress.Benchmarks.Pipeline;

/// <summary>
/// One warmup and five measured iterations, in process. The CI machine has two cores and other builds may be
/// running: an out-of-process job would rebuild the whole solution into a generated project first (and can
/// trip over file locks of a concurrent build), while in process the only cost is sharing the host's GC
/// settings, which are the controller's too.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("Short"));
        // One unit for both sizes, so the 1k and 10k rows compare at a glance.
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
    }
}
