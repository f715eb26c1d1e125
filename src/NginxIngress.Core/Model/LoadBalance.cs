namespace NginxIngress.Core.Model;

/// <summary>The <c>load-balance</c> algorithm of an upstream, in ingress-nginx's words.</summary>
public enum LoadBalance
{
    /// <summary>nginx's default weighted round-robin.</summary>
    RoundRobin,

    /// <summary>
    /// ingress-nginx's Lua EWMA (peak exponentially weighted moving average of latency). OSS nginx has no such
    /// balancer; it becomes <c>least_conn</c>, the nearest one that also steers requests away from loaded peers.
    /// </summary>
    Ewma,
}
