namespace NginxIngress.TestKit.Scenarios;

/// <summary>One scenario file of shared/conformance (schema <c>ingress-scenario/v1</c>, see its README.md).</summary>
public sealed record Scenario
{
    public required string Id { get; init; }

    /// <summary>Relative to the conformance folder.</summary>
    public required string File { get; init; }

    public required string Title { get; init; }

    /// <summary>The harness.yaml key: how the client behaves.</summary>
    public required string Harness { get; init; }

    public required IReadOnlyList<ScenarioPhase> Phases { get; init; }

    /// <summary>The IngressClass the suite's runner serves (harness.yaml ingress_class).</summary>
    public string IngressClassName => Harness switch
    {
        "ingress-controller-conformance" => "conformance",
        "kubernetes-docs" => "test",
        _ => throw new InvalidDataException($"{Id}: unknown harness {Harness}"),
    };

    /// <summary>The conformance client follows redirects; the docs tables allow none (harness.yaml follow_redirects).</summary>
    public bool FollowsRedirects => Harness == "ingress-controller-conformance";

    public bool NeedsTls => Phases.SelectMany(phase => phase.Requests).Any(request => request.Tls);

    public override string ToString() => Id;
}
