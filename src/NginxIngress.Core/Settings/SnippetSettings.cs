using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap's own snippets (<c>http-snippet</c>, <c>server-snippet</c>, <c>location-snippet</c>). Whoever edits
/// the controller's ConfigMap already controls the controller, so these are not gated, as in ingress-nginx; they must
/// still be whole directives (<see cref="SnippetRules"/>), or they are ignored with a warning.
/// </summary>
public sealed record SnippetSettings(string? Http, string? Server, string? Location)
{
    public static readonly SnippetSettings None = new(null, null, null);

    public bool Any => Http is not null || Server is not null || Location is not null;

    public static SnippetSettings From(IDictionary<string, string>? data, ObjectKey configMap, List<Problem> problems)
    {
        if (data is null)
        {
            return None;
        }
        var reader = new ConfigMapReader(data, configMap, problems);
        string? Read(ConfigMapKeySpec spec) => reader.Read<string?>(spec.Key, null, spec.GrammarText,
            value => value.Length == 0 ? (true, null) : SnippetRules.Fault(value) is null ? (true, value) : (false, null));
        return new SnippetSettings(Read(ConfigMapKeyRegistry.HttpSnippet), Read(ConfigMapKeyRegistry.ServerSnippet), Read(ConfigMapKeyRegistry.LocationSnippet));
    }
}
