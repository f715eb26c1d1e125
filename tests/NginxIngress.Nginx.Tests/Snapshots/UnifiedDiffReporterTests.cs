using ApprovalTests.Core;
using ApprovalTests.Reporters;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// The reporter is how a reviewer learns what changed on CI, and must never approve anything by itself.
/// These tests run the real approval path in a scratch folder, never against the committed cases.
/// </summary>
[TestFixture]
public sealed class UnifiedDiffReporterTests
{
    private const string Approved = "server {\n    listen 80;\n    location / {\n        return 404;\n    }\n}\n";
    private string _folder = "";

    [SetUp]
    public void CreateScratchFolder()
    {
        _folder = Directory.CreateTempSubdirectory("unified-diff-reporter-").FullName;
    }

    [TearDown]
    public void DeleteScratchFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Failed_approval_shows_a_unified_diff_in_the_assertion_message()
    {
        File.WriteAllText(Path.Combine(_folder, "nginx.approved.conf"), Approved);
        var received = Approved.Replace("return 404;", "return 503;", StringComparison.Ordinal);

        var failure = Assert.Throws<AssertionException>(() => SnapshotApproval.Verify(received, _folder, "nginx", "conf"));

        Assert.That(failure!.Message, Does.Contain("--- approved ")
            .And.Contain("+++ received ")
            .And.Contain("@@ -1,6 +1,6 @@\n server {\n")
            .And.Contain("\n-        return 404;\n+        return 503;\n")
            .And.Contain("nginx.received.conf"));
    }

    [Test]
    public void Failed_approval_leaves_the_approved_file_untouched_and_the_received_file_for_review()
    {
        var approvedPath = Path.Combine(_folder, "nginx.approved.conf");
        File.WriteAllText(approvedPath, Approved);

        Assert.Throws<AssertionException>(() => SnapshotApproval.Verify("something else\n", _folder, "nginx", "conf"));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(approvedPath), Is.EqualTo(Approved));
            Assert.That(File.ReadAllText(Path.Combine(_folder, "nginx.received.conf")), Is.EqualTo("something else\n"));
        });
    }

    [Test]
    public void Missing_approved_file_fails_and_is_not_created()
    {
        var failure = Assert.Throws<AssertionException>(() => SnapshotApproval.Verify(Approved, _folder, "nginx", "conf"));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("no approved file yet").And.Contain("@@ -0,0 +1,6 @@\n+server {\n"));
            Assert.That(File.Exists(Path.Combine(_folder, "nginx.approved.conf")), Is.False);
        });
    }

    [Test]
    public void Passing_approval_removes_the_received_file()
    {
        File.WriteAllText(Path.Combine(_folder, "nginx.approved.conf"), Approved);

        SnapshotApproval.Verify(Approved, _folder, "nginx", "conf");

        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "nginx.approved.conf" }));
    }

    [Test]
    public void Received_file_has_the_exact_bytes_without_a_byte_order_mark()
    {
        // nginx would read a BOM as part of the first directive, so approved configs could not be checked with nginx -t.
        Assert.Throws<AssertionException>(() => SnapshotApproval.Verify("worker_processes 1;\n", _folder, "nginx", "conf"));

        Assert.That(File.ReadAllBytes(Path.Combine(_folder, "nginx.received.conf")), Is.EqualTo("worker_processes 1;\n"u8.ToArray()));
    }

    [Test]
    public void Reporter_has_no_power_to_approve_and_is_the_one_registered()
    {
        Assert.Multiple(() =>
        {
            Assert.That(typeof(IReporterWithApprovalPower).IsAssignableFrom(typeof(UnifiedDiffReporter)), Is.False);
            Assert.That(ApprovalTests.Approvals.GetReporter(), Is.InstanceOf<UnifiedDiffReporter>(),
                "the reporter ApprovalTests picks for this assembly, even on a CI server it recognises");
            Assert.That(typeof(UnifiedDiffReporter).Assembly.GetCustomAttributes(typeof(UseReporterAttribute), false), Has.Length.EqualTo(1));
        });
    }
}
