using ApprovalTests.Core;
using NginxIngress.TestKit;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Reports a failed approval as a unified diff in the assertion message, so a CI log shows what changed.
/// It never approves: it does not implement <see cref="IReporterWithApprovalPower"/> and never writes the
/// approved file. A human reads the received file and renames it over the approved one.
/// </summary>
/// <remarks>
/// It is also an <see cref="IEnvironmentAwareReporter"/> that works everywhere, so that it can be registered as
/// the front-loaded reporter: otherwise, on a CI server ApprovalTests recognises (Jenkins, TeamCity, ...),
/// its own front-loaded reporter would run instead and print no diff.
/// </remarks>
public sealed class UnifiedDiffReporter : IApprovalFailureReporter, IEnvironmentAwareReporter
{
    public void Report(string approved, string received)
    {
        var approvedExists = File.Exists(approved);
        var approvedText = approvedExists ? File.ReadAllText(approved) : "";
        var receivedText = File.ReadAllText(received);
        var headline = approvedExists
            ? "The snapshot differs from the approved file."
            : "There is no approved file yet; every received line is shown as added.";
        var diff = UnifiedDiff.Format(approvedText, receivedText, $"approved {Display(approved)}", $"received {Display(received)}");
        Assert.Fail($"""
            {headline}
            {diff}
            If the received file is right (read it as the user of this controller would get it), approve it by hand:
              mv {Display(received)} {Display(approved)}
            """);
    }

    public bool IsWorkingInThisEnvironment(string forFile) => true;

    /// <summary>Paths relative to the checkout read the same on every machine and CI runner.</summary>
    private static string Display(string path)
    {
        try
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }
}
