using NginxIngress.Core.Annotations;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap keys that decide which annotations are read at all (reference §1.3): <c>annotations-risk-level</c>
/// (default High, as in ingress-nginx since v1.12), above which an annotation is refused and its Ingress is not
/// served; <c>allow-snippet-annotations</c> (default false), without which snippet annotations are dropped; and
/// <c>annotation-value-word-blocklist</c>, whose words refuse any annotation value that contains one.
/// </summary>
public sealed record AnnotationGates
{
    public static readonly AnnotationGates Default = new();

    public AnnotationRisk RiskLevel { get; init; } = AnnotationRisk.High;

    /// <summary>Snippets need this and <see cref="RiskLevel"/> Critical, as in ingress-nginx.</summary>
    public bool AllowSnippetAnnotations { get; init; }

    /// <summary>Case-sensitive substrings, as ingress-nginx's checkBadAnnotationValue compares them.</summary>
    public EquatableArray<string> WordBlocklist { get; init; } = EquatableArray<string>.Empty;

    public static AnnotationGates From(IDictionary<string, string>? data, ObjectKey configMap, List<Problem> problems)
    {
        if (data is null)
        {
            return Default;
        }
        var reader = new ConfigMapReader(data, configMap, problems);
        return new AnnotationGates
        {
            RiskLevel = reader.Read(ConfigMapKeyRegistry.AnnotationsRiskLevel.Key, Default.RiskLevel, ConfigMapKeyRegistry.AnnotationsRiskLevel.GrammarText,
                value => Enum.TryParse<AnnotationRisk>(value, ignoreCase: false, out var risk) && Enum.IsDefined(risk) && !int.TryParse(value, out _)
                    ? (true, risk) : (false, default)),
            AllowSnippetAnnotations = reader.ReadBool(ConfigMapKeyRegistry.AllowSnippetAnnotations, Default.AllowSnippetAnnotations),
            // Any text is a valid list: the words are only compared, never written into nginx.conf.
            WordBlocklist = reader.Read(ConfigMapKeyRegistry.AnnotationValueWordBlocklist.Key, Default.WordBlocklist,
                ConfigMapKeyRegistry.AnnotationValueWordBlocklist.GrammarText,
                value => (true, value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToEquatableArray())),
        };
    }

    /// <summary>Refuses every annotation under the prefix whose value contains a blocklisted word.</summary>
    public void CheckBlocklist(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (WordBlocklist.Count == 0)
        {
            return;
        }
        foreach (var (name, value) in reader.Prefixed())
        {
            if (WordBlocklist.FirstOrDefault(word => value.Contains(word, StringComparison.Ordinal)) is { } word)
            {
                reader.Refuse(new AnnotationException(reader.FieldFor(name),
                    $"the value contains \"{AnnotationReader.Printable(word)}\", a word of the ConfigMap's annotation-value-word-blocklist"));
            }
        }
    }
}
