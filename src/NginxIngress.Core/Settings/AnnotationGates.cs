using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap keys that decide which annotations are read at all (reference §1.3). Today:
/// <c>annotations-risk-level</c> (default High, as in ingress-nginx since v1.12), above which an annotation is refused
/// and its Ingress is not served.
/// </summary>
public sealed record AnnotationGates
{
    public static readonly AnnotationGates Default = new();

    public AnnotationRisk RiskLevel { get; init; } = AnnotationRisk.High;

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
        };
    }
}
