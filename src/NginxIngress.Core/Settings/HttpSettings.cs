using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap keys of the http{} level and the nginx process (<see cref="HttpConfigMapKeys"/>), one small record per
/// feature. Each absent or invalid key keeps its default; each invalid one is one Warning naming it.
/// </summary>
public sealed record HttpSettings
{
    public static readonly HttpSettings Default = new();

    public ConnectionSettings Connections { get; init; } = ConnectionSettings.Default;

    public LogSettings Logs { get; init; } = LogSettings.Default;

    public ForwardingSettings Forwarding { get; init; } = ForwardingSettings.Default;

    public HeaderSettings Headers { get; init; } = HeaderSettings.Default;

    public BlockSettings Blocks { get; init; } = BlockSettings.Default;

    public HashSizeSettings HashSizes { get; init; } = HashSizeSettings.Default;

    public ListenSettings Listen { get; init; } = ListenSettings.Default;

    public static HttpSettings From(IDictionary<string, string>? data, ObjectKey configMap, List<Problem> problems)
    {
        if (data is null)
        {
            return Default;
        }
        var reader = new ConfigMapReader(data, configMap, problems);
        return new HttpSettings
        {
            Connections = ConnectionSettings.From(reader),
            Logs = LogSettings.From(reader),
            Forwarding = ForwardingSettings.From(reader),
            Headers = HeaderSettings.From(reader),
            Blocks = BlockSettings.From(reader),
            HashSizes = HashSizeSettings.From(reader),
            Listen = ListenSettings.From(reader),
        };
    }
}
