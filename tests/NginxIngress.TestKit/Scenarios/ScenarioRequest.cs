namespace NginxIngress.TestKit.Scenarios;

/// <summary>One entry of a phase's <c>requests:</c>.</summary>
public sealed record ScenarioRequest
{
    public required string Name { get; init; }

    public required string Method { get; init; }

    public required bool Tls { get; init; }

    /// <summary>The TLS server name sent; null sends the Host header's name.</summary>
    public string? Sni { get; init; }

    /// <summary>Null: the Host header is nginx's own address.</summary>
    public required string? Host { get; init; }

    public required string Path { get; init; }

    public required int Repeat { get; init; }

    public required RequestExpectation Expect { get; init; }

    /// <summary>What the source implies but does not assert (<c>implied:</c>); checked too, and reported as such.</summary>
    public RequestExpectation? Implied { get; init; }

    /// <summary><c>expect_aggregate.distinct_pods_among_200_responses</c>.</summary>
    public int? DistinctPods { get; init; }
}
