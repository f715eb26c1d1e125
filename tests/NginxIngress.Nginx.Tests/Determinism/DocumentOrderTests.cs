using System.Globalization;
using System.Text.Json.Nodes;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Tests.Snapshots;

namespace NginxIngress.Nginx.Tests.Determinism;

/// <summary>
/// The same objects render the same bytes whatever order they arrive in (DESIGN.md §1, stage 5): informers
/// deliver objects in no particular order, and a reordering must not look like a change and cause a reload.
/// </summary>
/// <remarks>
/// The objects are stamped with a creationTimestamp first, as the API server would have. Without one the manifest
/// loader dates objects by the order it first sees them ("oldest" means "applied first"), so reordering an
/// unstamped file is a real change to which Ingress wins a conflict.
/// </remarks>
[TestFixture]
public sealed class DocumentOrderTests
{
    private const int Shuffles = 5;
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Cases() =>
        SnapshotCase.All().Select(snapshotCase => new TestCaseData(snapshotCase).SetArgDisplayNames(snapshotCase.Name));

    [TestCaseSource(nameof(Cases))]
    public void Shuffled_documents_render_identical_bytes(SnapshotCase snapshotCase)
    {
        var (documents, issues) = CaseRenderer.Read(snapshotCase);
        var stamped = documents.Select((document, index) => Stamped(document, Epoch.AddMinutes(index))).ToList();

        AssertOrderDoesNotMatter(stamped, issues);
    }

    [TestCaseSource(nameof(Cases))]
    public void Shuffled_documents_with_equal_timestamps_render_identical_bytes(SnapshotCase snapshotCase)
    {
        // Equal timestamps leave conflicts to the namespace/name tie-break, which must not depend on order either.
        var (documents, issues) = CaseRenderer.Read(snapshotCase);
        var stamped = documents.Select(document => Stamped(document, Epoch)).ToList();

        AssertOrderDoesNotMatter(stamped, issues);
    }

    private static void AssertOrderDoesNotMatter(List<ManifestDocument> documents, List<ManifestIssue> issues)
    {
        var expected = CaseRenderer.Render(documents, issues);
        // Seeded, so a failure reproduces; the seed is in the message.
        for (var seed = 1; seed <= Shuffles; seed++)
        {
            var shuffled = documents.ToArray();
            new Random(seed).Shuffle(shuffled);
            var actual = CaseRenderer.Render(shuffled, issues);

            Assert.That(actual.NginxConf, Is.EqualTo(expected.NginxConf), $"nginx.conf changed with document order (shuffle seed {seed})");
            Assert.That(SortedLines(actual.Problems), Is.EqualTo(SortedLines(expected.Problems)), $"problems changed with document order (shuffle seed {seed})");
        }
    }

    /// <summary>Manifest issues are listed in file order; which problems there are must not depend on it.</summary>
    private static string[] SortedLines(string text) => text.Split('\n').Order(StringComparer.Ordinal).ToArray();

    private static ManifestDocument Stamped(ManifestDocument document, DateTimeOffset timestamp)
    {
        var body = (JsonObject)document.Body.DeepClone();
        if (body["metadata"] is JsonObject metadata && metadata["creationTimestamp"] is null)
        {
            metadata["creationTimestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        return document with { Body = body };
    }
}
