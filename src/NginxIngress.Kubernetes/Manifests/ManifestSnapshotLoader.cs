using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>
/// Loads a folder of manifests into a <see cref="ClusterSnapshot"/>, as if it had been applied with
/// <c>kubectl apply -f DIR</c>: objects without a namespace land in <c>default</c>, a later definition of the
/// same object replaces an earlier one, and kinds the controller does not read (Deployments, even
/// <c>apps/v1beta2</c> ones) are skipped without a word. Objects get a creationTimestamp in the order they are
/// first seen, so "the oldest Ingress wins" means "the Ingress applied first", and keeps meaning it across
/// reloads of the same loader. An object removed from the folder is forgotten, so adding it again makes it
/// the newest, as re-creating a Kubernetes object does.
/// </summary>
public sealed partial class ManifestSnapshotLoader(TimeProvider? clock = null)
{
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int ReadsOfAChangingFile = 3;

    /// <summary>
    /// How long an object may be missing and still keep its place in line. Saving a file by truncating and
    /// rewriting it, or a <c>git pull</c> that unlinks and re-creates it, leaves a moment in which the
    /// watcher can load the folder without the object; that moment must not make it the newest for good.
    /// </summary>
    private static readonly TimeSpan MissingGrace = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<ObjectRef, FirstSeen> _firstSeen = [];

    /// <summary>Counts up, never down: removals from <see cref="_firstSeen"/> must not hand out a time twice.</summary>
    private long _nextCreation;

    /// <summary>The creationTimestamp given to an object, and since when it has been missing from the folder, if it is.</summary>
    private sealed record FirstSeen(DateTime CreationTimestamp, DateTimeOffset? MissingSince);

    /// <summary>
    /// Each file's objects, kept while its size and write time stay the same, so a change to one file in a
    /// large folder re-reads that file only (10k Ingresses in 251 files took 2.5 s to read whole).
    /// </summary>
    private readonly Dictionary<string, ConvertedFile> _files = new(StringComparer.Ordinal);

    /// <summary>An object and where it was defined; the document's JSON is not kept, only what was built from it.</summary>
    private sealed record ConvertedObject(ObjectRef Ref, object Item, string File, int Line)
    {
        public string Location => $"{File}:{Line}";
    }

    /// <summary>A file's objects, and the stamp the file had before they were read; null when it changed while being read.</summary>
    private sealed record ConvertedFile(FileStamp? Stamp, IReadOnlyList<ConvertedObject> Objects, IReadOnlyList<ManifestIssue> Issues);

    /// <summary>Size and write time: an append always changes the size, even within one tick of the file system's clock.</summary>
    private readonly record struct FileStamp(long Length, long WriteTicks)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : new FileStamp(-1, 0);
        }
    }

    /// <summary>How many objects the first-seen order holds: those in the folder and those missing for less than the grace.</summary>
    internal int RememberedObjects => _firstSeen.Count;

    public ManifestLoadResult Load(string directory)
    {
        var now = _clock.GetUtcNow();
        ForgetLongMissing(now);
        var files = ManifestDocumentReader.ManifestFiles(directory);
        foreach (var gone in _files.Keys.Except(files).ToList())
        {
            _files.Remove(gone);
        }
        var entries = new List<ConvertedFile>(files.Count);
        foreach (var file in files)
        {
            if (!_files.TryGetValue(file, out var entry) || entry.Stamp != FileStamp.Of(file))
            {
                entry = Read(file, Path.GetRelativePath(directory, file));
                if (entry.Stamp is null)
                {
                    _files.Remove(file);
                }
                else
                {
                    _files[file] = entry;
                }
            }
            entries.Add(entry);
        }
        var objects = entries.SelectMany(entry => entry.Objects).ToList();
        NoteMissing(objects, now);
        return Combine(objects, entries.SelectMany(entry => entry.Issues));
    }

    /// <summary>
    /// Reads a file that may be being written. The stamp is taken before the read and compared after it: a
    /// writer that flushes one document at a time changes it in between, and a stamp taken only after the
    /// read would pair the final size with a partial content and keep that pair for good. If the file never
    /// holds still, what was read is used once, without a stamp, so the next load reads it again.
    /// </summary>
    private ConvertedFile Read(string file, string displayName)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = FileStamp.Of(file);
            var documents = new List<ManifestDocument>();
            var issues = new List<ManifestIssue>();
            ManifestDocumentReader.ReadFile(file, displayName, documents, issues);
            var settled = FileStamp.Of(file) == before;
            if (settled || attempt == ReadsOfAChangingFile)
            {
                return new ConvertedFile(settled ? before : null, Convert(documents, issues), issues);
            }
        }
    }

    public ManifestLoadResult Load(IEnumerable<ManifestDocument> documents, IEnumerable<ManifestIssue> readIssues)
    {
        var now = _clock.GetUtcNow();
        ForgetLongMissing(now);
        var issues = readIssues.ToList();
        var objects = Convert(documents, issues);
        NoteMissing(objects, now);
        return Combine(objects, issues);
    }

    /// <summary>
    /// Starts or clears the missing clock of every remembered object. Each load first forgets those missing
    /// past the grace, before it hands out times, so one that comes back after that is the newest.
    /// </summary>
    private void NoteMissing(IReadOnlyList<ConvertedObject> loaded, DateTimeOffset now)
    {
        var present = loaded.Select(converted => converted.Ref).ToHashSet();
        foreach (var (reference, seen) in _firstSeen.ToList())
        {
            DateTimeOffset? missingSince = present.Contains(reference) ? null : seen.MissingSince ?? now;
            if (missingSince != seen.MissingSince)
            {
                _firstSeen[reference] = seen with { MissingSince = missingSince };
            }
        }
    }

    private void ForgetLongMissing(DateTimeOffset now)
    {
        foreach (var (reference, seen) in _firstSeen.ToList())
        {
            if (now - seen.MissingSince >= MissingGrace)
            {
                _firstSeen.Remove(reference);
            }
        }
    }

    private List<ConvertedObject> Convert(IEnumerable<ManifestDocument> documents, List<ManifestIssue> issues) =>
        documents.Select(document => Accept(document, issues)).OfType<ConvertedObject>().ToList();

    /// <summary>Puts the objects of every file together, in file order: a later definition replaces an earlier one.</summary>
    private static ManifestLoadResult Combine(IEnumerable<ConvertedObject> objects, IEnumerable<ManifestIssue> fileIssues)
    {
        var issues = fileIssues.ToList();
        var builder = new SnapshotAccumulator();
        foreach (var converted in objects)
        {
            if (builder.Origins.TryGetValue(converted.Ref, out var earlier))
            {
                issues.Add(new ManifestIssue(converted.File, converted.Line, ProblemSeverity.Warning,
                    $"{converted.Ref} is also defined at {earlier}; this later definition is used"));
            }
            builder.Add(converted.Ref, converted.Item, converted.Location);
        }
        return new ManifestLoadResult(builder.ToSnapshot(), [.. issues], builder.Origins.ToImmutableDictionary());
    }

    private ConvertedObject? Accept(ManifestDocument document, List<ManifestIssue> issues)
    {
        var body = document.Body;
        switch (document.Kind, document.ApiVersion)
        {
            case ("Ingress", LegacyIngressConverter.CurrentApiVersion):
                return Add<V1Ingress>(document, body, issues);
            case ("Ingress", var legacy) when LegacyIngressConverter.IsLegacy(legacy):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Warning,
                    $"Ingress uses the removed API {legacy}; it is read as {LegacyIngressConverter.CurrentApiVersion} (spec.backend → spec.defaultBackend, serviceName/servicePort → service.name/port)"));
                return Add<V1Ingress>(document, LegacyIngressConverter.Convert(body), issues);
            case ("IngressClass", "networking.k8s.io/v1" or "networking.k8s.io/v1beta1"):
                return Add<V1IngressClass>(document, body, issues);
            case ("Service", "v1"):
                return Add<V1Service>(document, body, issues);
            case ("EndpointSlice", "discovery.k8s.io/v1" or "discovery.k8s.io/v1beta1"):
                return Add<V1EndpointSlice>(document, body, issues);
            case ("Secret", "v1"):
                return Add<V1Secret>(document, body, issues);
            case ("ConfigMap", "v1"):
                return Add<V1ConfigMap>(document, body, issues);
            case ("Ingress" or "IngressClass" or "Service" or "EndpointSlice" or "Secret" or "ConfigMap", var version):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                    $"{document.Kind} with apiVersion \"{version}\" is not supported; this object is skipped"));
                return null;
            case ("", _):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error, "has no kind; this document is skipped"));
                return null;
            default:
                return null;
        }
    }

    private ConvertedObject? Add<T>(ManifestDocument document, System.Text.Json.Nodes.JsonObject body, List<ManifestIssue> issues)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        T item;
        try
        {
            item = KubernetesJson.Deserialize<T>(body.ToJsonString());
        }
        catch (JsonException e)
        {
            issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                $"{document.Kind} does not match the Kubernetes schema at {e.Path}: {e.Message.Split('.')[0]}; this object is skipped"));
            return null;
        }

        item.Metadata ??= new V1ObjectMeta();
        var clusterScoped = item is V1IngressClass;
        if (!clusterScoped)
        {
            item.Metadata.NamespaceProperty ??= "default";
        }
        var name = item.Metadata.Name ?? "";
        var ns = item.Metadata.NamespaceProperty ?? "";
        if (HostNameRules.Check(name) is not null || HostNameRules.IsWildcard(name))
        {
            issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                $"{document.Kind} metadata.name \"{Core.Annotations.AnnotationReader.Printable(name)}\" is not a valid object name (lowercase letters, digits, '-' and '.'); this object is skipped"));
            return null;
        }
        if (!clusterScoped && !NamespaceGrammar().IsMatch(ns))
        {
            issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                $"{document.Kind} {name} metadata.namespace \"{Core.Annotations.AnnotationReader.Printable(ns)}\" is not a valid namespace (a DNS label); this object is skipped"));
            return null;
        }

        var reference = new ObjectRef(document.Kind, ns, name);
        if (item.Metadata.CreationTimestamp is null)
        {
            if (!_firstSeen.TryGetValue(reference, out var seen))
            {
                seen = new FirstSeen(Epoch.AddSeconds(_nextCreation++), MissingSince: null);
                _firstSeen.Add(reference, seen);
            }
            item.Metadata.CreationTimestamp = seen.CreationTimestamp;
        }
        return new ConvertedObject(reference, item, document.File, document.Line);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex NamespaceGrammar();
}
