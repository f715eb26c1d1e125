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
    private readonly Dictionary<ObjectRef, DateTime> _firstSeen = [];

    public ManifestLoadResult Load(string directory)
    {
        var documents = new List<ManifestDocument>();
        var issues = new List<ManifestIssue>();
        foreach (var file in ManifestDocumentReader.ManifestFiles(directory))
        {
            ManifestDocumentReader.ReadFile(file, Path.GetRelativePath(directory, file), documents, issues);
        }
        return Load(documents, issues);
    }

    public ManifestLoadResult Load(IEnumerable<ManifestDocument> documents, IEnumerable<ManifestIssue> readIssues)
    {
        var issues = readIssues.ToList();
        var builder = new SnapshotAccumulator();
        foreach (var document in documents)
        {
            Accept(document, builder, issues);
        }
        return new ManifestLoadResult(builder.ToSnapshot(), [.. issues], builder.Origins.ToImmutableDictionary());
    }

    private void Accept(ManifestDocument document, SnapshotAccumulator snapshot, List<ManifestIssue> issues)
    {
        var body = document.Body;
        switch (document.Kind, document.ApiVersion)
        {
            case ("Ingress", LegacyIngressConverter.CurrentApiVersion):
                Add<V1Ingress>(document, body, snapshot, issues);
                break;
            case ("Ingress", var legacy) when LegacyIngressConverter.IsLegacy(legacy):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Warning,
                    $"Ingress uses the removed API {legacy}; it is read as {LegacyIngressConverter.CurrentApiVersion} (spec.backend → spec.defaultBackend, serviceName/servicePort → service.name/port)"));
                Add<V1Ingress>(document, LegacyIngressConverter.Convert(body), snapshot, issues);
                break;
            case ("IngressClass", "networking.k8s.io/v1" or "networking.k8s.io/v1beta1"):
                Add<V1IngressClass>(document, body, snapshot, issues);
                break;
            case ("Service", "v1"):
                Add<V1Service>(document, body, snapshot, issues);
                break;
            case ("EndpointSlice", "discovery.k8s.io/v1" or "discovery.k8s.io/v1beta1"):
                Add<V1EndpointSlice>(document, body, snapshot, issues);
                break;
            case ("Secret", "v1"):
                Add<V1Secret>(document, body, snapshot, issues);
                break;
            case ("ConfigMap", "v1"):
                Add<V1ConfigMap>(document, body, snapshot, issues);
                break;
            case ("Ingress" or "IngressClass" or "Service" or "EndpointSlice" or "Secret" or "ConfigMap", var version):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                    $"{document.Kind} with apiVersion \"{version}\" is not supported; this object is skipped"));
                break;
            case ("", _):
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error, "has no kind; this document is skipped"));
                break;
        }
    }

    private void Add<T>(ManifestDocument document, System.Text.Json.Nodes.JsonObject body, SnapshotAccumulator snapshot, List<ManifestIssue> issues)
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
            return;
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
            return;
        }
        if (!clusterScoped && !NamespaceGrammar().IsMatch(ns))
        {
            issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error,
                $"{document.Kind} {name} metadata.namespace \"{Core.Annotations.AnnotationReader.Printable(ns)}\" is not a valid namespace (a DNS label); this object is skipped"));
            return;
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
        if (snapshot.Origins.TryGetValue(reference, out var earlier))
        {
            issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Warning,
                $"{reference} is also defined at {earlier}; this later definition is used"));
        }
        snapshot.Add(reference, item, document.Location);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex NamespaceGrammar();
}
