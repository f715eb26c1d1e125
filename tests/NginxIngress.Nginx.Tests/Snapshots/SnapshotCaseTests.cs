namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Each folder under <c>cases/</c> renders to its approved nginx.conf and problem list. A failure prints a
/// unified diff; review <c>*.received.*</c> and rename it to <c>*.approved.*</c> by hand if it is right.
/// </summary>
[TestFixture]
public sealed class SnapshotCaseTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        SnapshotCase.All().Select(snapshotCase => new TestCaseData(snapshotCase).SetArgDisplayNames(snapshotCase.Name));

    [TestCaseSource(nameof(Cases))]
    public void Case_renders_the_approved_nginx_conf(SnapshotCase snapshotCase)
    {
        var output = CaseRenderer.Render(snapshotCase);

        SnapshotApproval.Verify(output.NginxConf, snapshotCase.Folder, "nginx", "conf");
    }

    [TestCaseSource(nameof(Cases))]
    public void Case_reports_the_approved_problems(SnapshotCase snapshotCase)
    {
        var output = CaseRenderer.Render(snapshotCase);

        SnapshotApproval.Verify(output.Problems, snapshotCase.Folder, "problems", "txt");
    }

    [Test]
    public void Every_case_folder_has_an_input_and_there_are_enough_cases()
    {
        var cases = SnapshotCase.All();

        Assert.Multiple(() =>
        {
            Assert.That(cases, Has.Count.GreaterThanOrEqualTo(18));
            Assert.That(cases.Where(c => !File.Exists(c.InputPath)).Select(c => c.Name), Is.Empty, "case folders without input.yaml");
            Assert.That(cases.Select(c => c.Name), Has.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), "case folders are kebab-case");
        });
    }
}
