namespace NginxIngress.Nginx.Tests.Snapshots;

[TestFixture]
public sealed class UnifiedDiffTests
{
    private static readonly string TenLines = string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n"));

    private static readonly TestCaseData[] Diffs =
    [
        new TestCaseData(TenLines, TenLines.Replace("line 5\n", "line five\n", StringComparison.Ordinal), """
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """).SetArgDisplayNames("changed line with three lines of context"),
        new TestCaseData(TenLines, TenLines.Replace("line 1\n", "", StringComparison.Ordinal).Replace("line 10\n", "line 10\nline 11\n", StringComparison.Ordinal), """
            --- a
            +++ b
            @@ -1,4 +1,3 @@
            -line 1
             line 2
             line 3
             line 4
            @@ -8,3 +7,4 @@
             line 8
             line 9
             line 10
            +line 11

            """).SetArgDisplayNames("distant changes make separate hunks"),
        new TestCaseData("", "new\nfile\n", """
            --- a
            +++ b
            @@ -0,0 +1,2 @@
            +new
            +file

            """).SetArgDisplayNames("missing approved file is all additions"),
        new TestCaseData("same\n", "same\n", """
            --- a
            +++ b
            (no differences)

            """).SetArgDisplayNames("equal texts"),
        new TestCaseData("a\nb\n", "a\r\nb", """
            --- a
            +++ b
            (the texts differ only in line endings or a final newline)

            """).SetArgDisplayNames("line endings only"),
        new TestCaseData("    listen 80;\n", "  listen 80;\n", """
            --- a
            +++ b
            @@ -1,1 +1,1 @@
            -    listen 80;
            +  listen 80;

            """).SetArgDisplayNames("indentation is a difference"),
    ];

    [TestCaseSource(nameof(Diffs))]
    public void Format_prints_unified_hunks(string oldText, string newText, string expected)
    {
        Assert.That(UnifiedDiff.Format(oldText, newText, "a", "b"), Is.EqualTo(expected.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Format_cuts_a_huge_diff_and_says_so()
    {
        var huge = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"server {i};\n"));

        var diff = UnifiedDiff.Format("", huge, "a", "b");

        Assert.Multiple(() =>
        {
            Assert.That(diff.Split('\n').Count(line => line.StartsWith('+') && !line.StartsWith("+++", StringComparison.Ordinal)), Is.EqualTo(UnifiedDiff.MaxBodyLines));
            Assert.That(diff, Does.Contain("diff cut after"));
        });
    }
}
