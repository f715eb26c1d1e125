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
/// reloads of the same loader.
/// </summary>
public sealed partial class ManifestSnapshotLoader
{
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int ReadsOfAChangingFile = 3;
    private readonly Dictionary<ObjectRef, DateTime> _firstSeen = [];

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

    public ManifestLoadResult Load(string directory)
    {
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
        return Combine(entries.SelectMany(entry => entry.Objects), entries.SelectMany(entry => entry.Issues));
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
        var issues = readIssues.ToList();
        return Combine(Convert(documents, issues), issues);
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
            if (!_firstSeen.TryGetValue(reference, out var firstSeen))
            {
                firstSeen = Epoch.AddSeconds(_firstSeen.Count);
                _firstSeen.Add(reference, firstSeen);
            }
            item.Metadata.CreationTimestamp = firstSeen;
        }
        return new ConvertedObject(reference, item, document.File, document.Line);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex NamespaceGrammar();
}
