namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>The highest values the sampler saw during one storm.</summary>
internal sealed class StormPeaks
{
    public int Generations { get; private set; }

    public long Rss { get; private set; }

    public long Pss { get; private set; }

    public void Observe(int? generations, (long Rss, long Pss)? memory)
    {
        Generations = Math.Max(Generations, generations ?? 0);
        if (memory is { } now)
        {
            Rss = Math.Max(Rss, now.Rss);
            Pss = Math.Max(Pss, now.Pss);
        }
    }
}
