namespace NginxIngress.TestKit.Scenarios;

/// <param name="Failures">One line per expectation that did not hold; empty when the scenario passed.</param>
/// <param name="Diagnostics">Problems, pods, nginx.conf and logs, for a failing test's output.</param>
public sealed record ScenarioReport(IReadOnlyList<string> Failures, string Diagnostics)
{
    public bool Passed => Failures.Count == 0;
}
