using NginxIngress.TestKit;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// One folder under <c>cases/</c>: an <c>input.yaml</c> of Kubernetes objects and, beside it, the approved
/// <c>nginx.approved.conf</c> and <c>problems.approved.txt</c> it must render to.
/// </summary>
public sealed record SnapshotCase(string Name)
{
    public const string InputFileName = "input.yaml";

    /// <summary>The source tree, not the build output: approved files are reviewed and committed there.</summary>
    public static string CasesFolder => Path.Combine(RepoPaths.Root, "tests", "NginxIngress.Nginx.Tests", "cases");

    public string Folder => Path.Combine(CasesFolder, Name);

    public string InputPath => Path.Combine(Folder, InputFileName);

    public static IReadOnlyList<SnapshotCase> All() =>
        Directory.EnumerateDirectories(CasesFolder)
            .Select(path => new SnapshotCase(Path.GetFileName(path)))
            .OrderBy(snapshotCase => snapshotCase.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The case name is what a test runner shows for a parameterized test.</summary>
    public override string ToString() => Name;
}
