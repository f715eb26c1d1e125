using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.TestKit.Objects;

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

    private void WriteService(string file, string name) => File.WriteAllText(Path.Combine(_folder, file), Service(name));

    private static string Service(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          ports:
          - port: 80
        """;

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
    public void Object_deleted_and_added_again_later_is_newer_than_one_that_stayed()
    {
        var clock = new ManualClock();
        var loader = new ManifestSnapshotLoader(clock);
        WriteService("a.yaml", "alpha");
        WriteService("b.yaml", "beta");
        loader.Load(_folder);

        File.Delete(Path.Combine(_folder, "a.yaml"));
        loader.Load(_folder);
        clock.Advance(TimeSpan.FromMinutes(1));
        WriteService("a.yaml", "alpha");
        var services = loader.Load(_folder).Snapshot.Services;

        // Like a re-created Kubernetes object: alpha now loses a conflict to beta, which never went away.
        Assert.That(services[new ObjectKey("default", "alpha")].Metadata.CreationTimestamp,
            Is.GreaterThan(services[new ObjectKey("default", "beta")].Metadata.CreationTimestamp!.Value));
    }

    [Test]
    public void Object_missing_for_a_moment_keeps_its_place()
    {
        // A save that truncates then writes, or a git pull that unlinks and re-creates the file, can be loaded
        // in between; that moment must not reorder who wins a conflict.
        var clock = new ManualClock();
        var loader = new ManifestSnapshotLoader(clock);
        WriteService("a.yaml", "alpha");
        WriteService("b.yaml", "beta");
        var first = loader.Load(_folder).Snapshot.Services;

        File.WriteAllText(Path.Combine(_folder, "a.yaml"), "");
        loader.Load(_folder);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        WriteService("a.yaml", "alpha");
        var second = loader.Load(_folder).Snapshot.Services;

        var alpha = new ObjectKey("default", "alpha");
        Assert.That(second[alpha].Metadata.CreationTimestamp, Is.EqualTo(first[alpha].Metadata.CreationTimestamp));
    }

    [Test]
    public void First_seen_order_forgets_objects_removed_long_ago()
    {
        var clock = new ManualClock();
        var loader = new ManifestSnapshotLoader(clock);
        WriteService("stays.yaml", "stays");
        for (var cycle = 0; cycle < 100; cycle++)
        {
            WriteService("comes-and-goes.yaml", $"temporary-{cycle}");
            loader.Load(_folder);
            File.Delete(Path.Combine(_folder, "comes-and-goes.yaml"));
            loader.Load(_folder);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        loader.Load(_folder);

        Assert.That(loader.RememberedObjects, Is.EqualTo(1), "only the Service still in the folder is remembered");
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

    [Test]
    public void Load_after_a_write_in_several_steps_has_every_object()
    {
        // An editor or a YAML library writes a file in chunks, flushing once per document. Loads that race the
        // writer may see any prefix, but once the writer is done the next load must see the whole file.
        const int rounds = 30;
        var loader = new ManifestSnapshotLoader();
        var random = new Random(5);
        var incomplete = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            var file = Path.Combine(_folder, $"round-{round}.yaml");
            var expected = new[] { $"a-{round}", $"b-{round}", $"c-{round}" };
            var pauses = expected.Select(_ => random.Next(2)).ToArray();
            using var loading = new ManualResetEventSlim();
            var writer = Task.Run(() =>
            {
                loading.Wait();
                StreamingWriter.WriteDocumentByDocument(file, expected.Select(name => Commentary + Service(name) + "\n---\n"), pauses);
            });
            do
            {
                loader.Load(_folder);
                loading.Set();
            }
            while (!writer.IsCompleted);
            writer.GetAwaiter().GetResult();

            var names = loader.Load(_folder).Snapshot.Services.Keys.Select(key => key.Name).Order(StringComparer.Ordinal);
            if (!names.SequenceEqual(expected))
            {
                incomplete.Add($"round {round}: [{string.Join(", ", names)}]");
            }
            File.Delete(file);
        }

        Assert.That(incomplete, Is.Empty, $"{incomplete.Count} of {rounds} loads after the writer had finished missed objects");
    }

    // A well-commented file: reading it takes long enough that a writer often finishes in the middle of a read.
    private static readonly string Commentary = string.Concat(Enumerable.Repeat("# why this object exists, who owns it, what depends on it\n", 400));
}
