using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;

namespace NginxIngress.Integration.Tests.Conformance;

/// <summary>
/// The runner must be able to fail: each case takes a passing scenario, breaks one expectation, and checks that
/// the run reports exactly that. Without this, a runner that checked nothing would pass all 50 scenarios.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ScenarioRunnerTests
{
    private const string ExactFoo = "k8s-docs/path-types/02";

    private static IEnumerable<TestCaseData> BrokenExpectations()
    {
        yield return Case("status", e => e with { Status = 418 }, "status 200, expected 418");
        yield return Case("backend_service", e => e with { BackendService = "someone-else" }, "expected service someone-else");
        yield return Case("backend_service_null", e => e with { BackendService = null }, "expected the controller's default backend");
        yield return Case("upstream_path", e => e with { UpstreamPath = "/elsewhere" }, "backend saw path /foo, expected /elsewhere");
        yield return Case("upstream_host", e => e with { UpstreamHost = "other.example" }, "expected other.example");
        yield return Case("upstream_headers", e => e with { UpstreamHeaders = new Dictionary<string, string> { ["User-Agent"] = "curl" } }, "User-Agent: Go-http-client/1.1, expected curl");
        yield return Case("response_headers_present", e => e with { ResponseHeadersPresent = ["X-Not-There"] }, "no X-Not-There header");
    }

    [TestCaseSource(nameof(BrokenExpectations))]
    public async Task Runner_reports_a_broken_expectation(Func<RequestExpectation, RequestExpectation> breakIt, string reported)
    {
        var scenario = WithFirstRequest(ScenarioCatalog.ById(ExactFoo), request => request with { Expect = breakIt(request.Expect) });

        var report = await ScenarioRunner.RunAsync(scenario);

        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain(reported));
    }

    [Test]
    public async Task Runner_reports_too_few_distinct_pods()
    {
        var scenario = ScenarioCatalog.ById("conformance/load_balancing/01");
        scenario = WithFirstRequest(scenario, request => request with { Repeat = 5 });

        var report = await ScenarioRunner.RunAsync(scenario);

        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("200 responses came from 5 distinct pods").And.Contain("expected 10"));
    }

    private static TestCaseData Case(string name, Func<RequestExpectation, RequestExpectation> breakIt, string reported) =>
        new TestCaseData(breakIt, reported).SetName($"Runner_reports_a_broken_{name}");

    private static Scenario WithFirstRequest(Scenario scenario, Func<ScenarioRequest, ScenarioRequest> change)
    {
        var phase = scenario.Phases[0];
        var requests = phase.Requests.Select((request, i) => i == 0 ? change(request) : request).ToList();
        return scenario with { Phases = [phase with { Requests = requests }, .. scenario.Phases.Skip(1)] };
    }
}
