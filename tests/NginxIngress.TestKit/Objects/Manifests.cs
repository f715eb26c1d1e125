using NginxIngress.Kubernetes.Manifests;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// Loads YAML text the way the <c>--manifests</c> source loads a folder: each text is one file, read in the
/// order given, through one loader, so first-seen creation order and "later definition wins" apply across them.
/// </summary>
public static class Manifests
{
    public static ManifestLoadResult Load(string yaml, string file = "test.yaml") => Load((file, yaml));

    public static ManifestLoadResult Load(params (string File, string Yaml)[] files) => Load(new ManifestSnapshotLoader(), files);

    /// <summary>Loads through a given loader, so a test can reload and see that first-seen times stick.</summary>
    public static ManifestLoadResult Load(ManifestSnapshotLoader loader, params (string File, string Yaml)[] files)
    {
        var documents = new List<ManifestDocument>();
        var issues = new List<ManifestIssue>();
        foreach (var (file, yaml) in files)
        {
            ManifestDocumentReader.ReadText(yaml, file, documents, issues);
        }
        return loader.Load(documents, issues);
    }
}
