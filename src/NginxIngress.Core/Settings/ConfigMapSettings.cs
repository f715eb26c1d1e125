using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// What the controller's <c>--configmap</c> says, read by one pure function: each part keeps its defaults for keys
/// that are absent or invalid, and each invalid value is a Warning naming the key.
/// </summary>
public sealed record ConfigMapSettings(AnnotationGates Gates, TlsSettings Tls, ProxyModel Proxy, AccessModel Access, SnippetSettings Snippets, HttpSettings Http)
{
    public static readonly ConfigMapSettings Default = new(AnnotationGates.Default, TlsSettings.Default, ProxyModel.Default, AccessModel.Open, SnippetSettings.None,
        HttpSettings.Default);

    /// <summary>load-balance and custom-http-errors: the defaults of the annotations of the same names.</summary>
    public UpstreamAnnotations Upstream { get; init; } = UpstreamAnnotations.None;

    public static ConfigMapSettings From(ClusterSnapshot snapshot, ObjectKey? configMap, List<Problem> problems)
    {
        if (configMap is not { } key || snapshot.ConfigMaps.GetValueOrDefault(key)?.Data is not { } data)
        {
            return Default;
        }
        var reader = new ConfigMapReader(data, key, problems);
        var proxy = ProxyAnnotations.FromConfigMap(spec => reader.Read(spec.ConfigMapKey!, (string?)null, spec.GrammarText,
            value => spec.Accepts(value) ? (true, value) : (false, null)));
        Core.Collections.EquatableArray<string> Ranges(string configMapKey) => reader.Read(configMapKey, Core.Collections.EquatableArray<string>.Empty,
            AccessAnnotationSpecs.CidrListText, value => AccessAnnotations.Ranges(value) is { } ranges ? (true, ranges) : (false, Core.Collections.EquatableArray<string>.Empty));
        var access = new AccessModel(Ranges("whitelist-source-range"), Ranges("denylist-source-range"));
        var upstream = UpstreamAnnotations.FromConfigMap(spec => reader.Read(spec.ConfigMapKey!, (string?)null, spec.GrammarText,
            value => spec.Accepts(value) ? (true, value) : (false, null)));
        return new ConfigMapSettings(AnnotationGates.From(data, key, problems), TlsSettings.From(data, key, problems), proxy, access,
            SnippetSettings.From(data, key, problems), HttpSettings.From(data, key, problems)) { Upstream = upstream };
    }
}
