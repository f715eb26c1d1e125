using ApprovalTests;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>Compares text with <c>&lt;folder&gt;/&lt;name&gt;.approved.&lt;extension&gt;</c>, failing with a diff.</summary>
public static class SnapshotApproval
{
    public static void Verify(string text, string folder, string name, string extensionWithoutDot)
    {
        // GetReporter reads [FrontLoadedReporter] and [UseReporter] from the calling test's assembly.
        Approvals.Verify(new Utf8SnapshotWriter(text, extensionWithoutDot), new CaseFolderNamer(folder, name), Approvals.GetReporter());
    }
}
