using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;

namespace NginxIngress.Integration.Tests.Conformance;

/// <summary>
/// Every routing scenario of shared/conformance (ingress-controller-conformance and the Kubernetes docs tables),
/// end to end: manifests through the production loader and pipeline, real nginx, real HTTP, echo backends.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ConformanceScenarioTests
{
    private static IEnumerable<TestCaseData> RunnableScenarios() =>
        ScenarioCatalog.All
            .Select(scenario => new TestCaseData(scenario).SetName(scenario.Id).SetDescription(scenario.Title));

    [TestCaseSource(nameof(RunnableScenarios))]
    public async Task Scenario_passes_through_real_nginx(Scenario scenario)
    {
        var report = await ScenarioRunner.RunAsync(scenario);

        if (!report.Passed)
        {
            await TestContext.Out.WriteLineAsync(report.Diagnostics);
        }
        Assert.That(report.Failures, Is.Empty, $"{scenario.Id} ({scenario.File}): {scenario.Title}");
    }

    [Test]
    public void The_tls_scenario_is_among_those_run()
    {
        Assert.That(ScenarioCatalog.ById("conformance/host_rules/01").NeedsTls, Is.True, "host_rules/01 sends HTTPS with SNI and checks the certificate");
        Assert.That(RunnableScenarios().Count(), Is.EqualTo(ScenarioCatalog.All.Count), "no scenario is left out");
    }

    [Test]
    public void Catalog_reads_every_scenario_file_once()
    {
        var files = ScenarioCatalog.Files();
        var ids = ScenarioCatalog.All.Select(scenario => scenario.Id).ToList();

        Assert.That(files, Has.Count.EqualTo(51));
        Assert.That(ids, Has.Count.EqualTo(files.Count).And.Unique);
    }
}
