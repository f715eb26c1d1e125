namespace NginxIngress.TestKit;

/// <summary>Finds the checkout and the shared/ folder beside it, wherever the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NginxIngress.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No NginxIngress.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The shared/ folder that sits next to the checkout (and next to CI's clone).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Conformance => Path.Combine(Shared, "conformance");

    /// <summary>The quickstart example: current API versions, for a cluster and (with no-cluster/) for make demo.</summary>
    public static string Quickstart => Path.Combine(Root, "manifests", "examples", "quickstart");

    /// <summary>The seed tutorial's own files, legacy API versions and all, plus the demo's EndpointSlice.</summary>
    public static string SeedTutorial => Path.Combine(Root, "tests", "fixtures", "seed-tutorial");

    public static string Manifests => Path.Combine(Root, "manifests");
}
