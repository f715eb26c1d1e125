namespace NginxIngress.Benchmarks.Synthetic;

/// <summary>
/// The knobs of a synthetic cluster. The defaults aim at a mid-size multi-tenant cluster: mostly one host per
/// Ingress, some hosts merged across Ingresses (and namespaces), a few wildcards, and a minority of Ingresses
/// that turn their host into a regex host, since that changes how many and which locations nginx parses.
/// </summary>
public sealed record SyntheticClusterShape
{
    public const int DefaultSeed = 20_260_301;

    public required int IngressCount { get; init; }

    /// <summary>The same seed gives the same objects, byte for byte, so runs and machines compare.</summary>
    public int Seed { get; init; } = DefaultSeed;

    public int IngressesPerNamespace { get; init; } = 40;

    /// <summary>Ingresses that add their paths to an earlier Ingress's host (possibly from another namespace).</summary>
    public double SharedHostFraction { get; init; } = 0.10;

    /// <summary>Ingresses on a one-label wildcard host, which nginx gets as a regex server_name.</summary>
    public double WildcardHostFraction { get; init; } = 0.05;

    /// <summary>Ingresses with <c>use-regex: "true"</c> and regex paths.</summary>
    public double UseRegexFraction { get; init; } = 0.08;

    /// <summary>Ingresses with <c>rewrite-target: /$2</c> and capture-group paths, as in ingress-nginx's docs.</summary>
    public double RewriteFraction { get; init; } = 0.07;

    /// <summary>Ingresses that pick the class with the legacy annotation instead of <c>spec.ingressClassName</c>.</summary>
    public double LegacyClassAnnotationFraction { get; init; } = 0.10;
}
