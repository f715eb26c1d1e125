namespace NginxIngress.Core.Model;

/// <summary>
/// How one Service port's upstream is formed and balanced: <c>load-balance</c>, <c>upstream-hash-by</c> and
/// <c>service-upstream</c>. Every Ingress that proxies to the port shares its one upstream, so the oldest Ingress
/// that names the port decides these, as in ingress-nginx (createUpstreams keeps the first Ingress's values).
/// </summary>
public sealed record UpstreamModel(LoadBalance Algorithm, string? HashBy, bool ServiceUpstream)
{
    public static readonly UpstreamModel Default = new(LoadBalance.RoundRobin, null, false);

    /// <summary>How this reads in a problem: only the parts that differ from the default.</summary>
    public override string ToString()
    {
        var parts = new List<string> { HashBy is null ? $"load-balance {(Algorithm == LoadBalance.Ewma ? "ewma" : "round_robin")}" : $"upstream-hash-by {HashBy}" };
        if (ServiceUpstream)
        {
            parts.Add("service-upstream");
        }
        return string.Join(", ", parts);
    }
}
