using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// What the controller's <c>--configmap</c> says, read by one pure function: each part keeps its defaults for keys
/// that are absent or invalid, and each invalid value is a Warning naming the key.
/// </summary>
public sealed record ConfigMapSettings(AnnotationGates Gates, TlsSettings Tls)
{
    public static readonly ConfigMapSettings Default = new(AnnotationGates.Default, TlsSettings.Default);

    public static ConfigMapSettings From(ClusterSnapshot snapshot, ObjectKey? configMap, List<Problem> problems)
    {
        if (configMap is not { } key || snapshot.ConfigMaps.GetValueOrDefault(key)?.Data is not { } data)
        {
            return Default;
        }
        return new ConfigMapSettings(AnnotationGates.From(data, key, problems), TlsSettings.From(data, key, problems));
    }
}
