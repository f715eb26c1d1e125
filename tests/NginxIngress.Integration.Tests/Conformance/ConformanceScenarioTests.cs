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
    /// <summary>
    /// Scenarios that cannot run yet, each with the reason. host_rules/01 sends HTTPS with SNI and checks the
    /// certificate: TLS arrives with the TLS issue, and this entry goes away with it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Excluded = new Dictionary<string, string>
    {
        ["conformance/host_rules/01"] = "needs TLS termination (the TLS issue)",
    };

    private static IEnumerable<TestCaseData> RunnableScenarios() =>
        ScenarioCatalog.All
            .Where(scenario => !Excluded.ContainsKey(scenario.Id))
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
    public void Only_the_tls_scenario_is_excluded()
    {
        var excluded = ScenarioCatalog.All.Select(scenario => scenario.Id).Where(Excluded.ContainsKey).ToList();

        Assert.That(excluded, Is.EqualTo(new[] { "conformance/host_rules/01" }));
        Assert.That(ScenarioCatalog.ById("conformance/host_rules/01").NeedsTls, Is.True, "the exclusion is for TLS; a scenario that no longer needs it should run");
        Assert.That(ScenarioCatalog.All.Where(scenario => scenario.NeedsTls).Select(scenario => scenario.Id), Is.EqualTo(excluded));
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
