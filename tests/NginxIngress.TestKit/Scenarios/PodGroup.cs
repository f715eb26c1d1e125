using NginxIngress.TestKit.Backends;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>The pods behind one Service: echo backends that share a port, each on its own loopback address.</summary>
public sealed record PodGroup(string Namespace, string Service, IReadOnlyList<EchoBackend> Pods, IReadOnlySet<EchoBackend> NotReady)
{
    public int Port => Pods[0].Port;

    /// <summary>The Service ports this slice lists; null for all of them.</summary>
    public IReadOnlyList<string>? PortNames { get; init; }

    public IEnumerable<EchoBackend> Ready => Pods.Where(pod => !NotReady.Contains(pod));
}
