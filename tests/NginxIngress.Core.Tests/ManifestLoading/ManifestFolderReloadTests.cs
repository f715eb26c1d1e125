using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;

namespace NginxIngress.Core.Tests.ManifestLoading;

/// <summary>
/// Run mode reloads the same folder through one loader on every change; unchanged files are reused, so what
/// a reload sees must be exactly what a fresh read would see.
/// </summary>
[TestFixture]
public sealed class ManifestFolderReloadTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("nginx-ingress-reload-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private void WriteService(string file, string name) => File.WriteAllText(Path.Combine(_folder, file), $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          ports:
          - port: 80
        """);

    [Test]
    public void Reload_sees_edited_added_and_deleted_files()
    {
        WriteService("a.yaml", "alpha");
        WriteService("b.yaml", "beta");
        var loader = new ManifestSnapshotLoader();
        loader.Load(_folder);

        WriteService("a.yaml", "alpha-renamed");
        File.Delete(Path.Combine(_folder, "b.yaml"));
        WriteService("c.yaml", "gamma");
        var reloaded = loader.Load(_folder);

        Assert.That(reloaded.Snapshot.Services.Keys.Select(key => key.Name), Is.EquivalentTo(new[] { "alpha-renamed", "gamma" }));
        Assert.That(reloaded.Origins[new ObjectRef("Service", "default", "gamma")], Is.EqualTo("c.yaml:1"));
    }

    [Test]
    public void Reload_keeps_first_seen_creation_times_of_unchanged_and_edited_objects()
    {
        WriteService("a.yaml", "alpha");
        WriteService("b.yaml", "beta");
        var loader = new ManifestSnapshotLoader();
        var first = loader.Load(_folder).Snapshot.Services;

        // Same name, new content: the object is edited, not re-created, so it keeps its place in line.
        File.WriteAllText(Path.Combine(_folder, "b.yaml"), """
            apiVersion: v1
            kind: Service
            metadata:
              name: beta
            spec:
              type: ClusterIP
              ports:
              - port: 80
            """);
        var second = loader.Load(_folder).Snapshot.Services;

        var alpha = new ObjectKey("default", "alpha");
        var beta = new ObjectKey("default", "beta");
        Assert.That(second[alpha].Metadata.CreationTimestamp, Is.EqualTo(first[alpha].Metadata.CreationTimestamp));
        Assert.That(second[beta].Metadata.CreationTimestamp, Is.EqualTo(first[beta].Metadata.CreationTimestamp));
        Assert.That(second[beta].Spec.Type, Is.EqualTo("ClusterIP"));
    }

    [Test]
    public void Reload_reports_the_issues_of_unchanged_files_again()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.yaml"), "kind: Service\nmetadata: [unclosed\n");
        WriteService("a.yaml", "alpha");
        var loader = new ManifestSnapshotLoader();
        var first = loader.Load(_folder);

        WriteService("a.yaml", "alpha-two");
        var second = loader.Load(_folder);

        Assert.That(first.Issues, Is.Not.Empty);
        Assert.That(second.Issues, Is.EqualTo(first.Issues));
    }
}
