using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>Reads one ConfigMap's keys; a bad value is reported and the fallback kept.</summary>
internal sealed class ConfigMapReader(IDictionary<string, string> data, ObjectKey configMap, List<Problem> problems)
{
    /// <summary>Reads a registered key with its own rule text.</summary>
    public T Read<T>(ConfigMapKeySpec spec, T fallback, Func<string, (bool Ok, T Value)> parse) => Read(spec.Key, fallback, spec.GrammarText, parse);

    public T Read<T>(string key, T fallback, string rule, Func<string, (bool Ok, T Value)> parse)
    {
        if (!data.TryGetValue(key, out var value))
        {
            return fallback;
        }
        var (ok, parsed) = parse(value.Trim());
        if (ok)
        {
            return parsed;
        }
        problems.Add(new Problem(ObjectRef.ConfigMap(configMap), $"data[{key}]", ProblemSeverity.Warning, "InvalidConfigMapValue",
            $"\"{AnnotationReader.Printable(value)}\" is not valid for {key}: it must be {rule}; the default is used"));
        return fallback;
    }

    /// <summary>
    /// Whether the key is set to exactly the empty string, for a key where that is a value of its own. Whitespace is
    /// not the same: <see cref="Read{T}(ConfigMapKeySpec, T, Func{string, ValueTuple{bool, T}})"/> trims it away, and a
    /// stray newline must not switch a setting off.
    /// </summary>
    public bool IsEmpty(ConfigMapKeySpec spec) => data.TryGetValue(spec.Key, out var value) && value.Length == 0;

    /// <summary>A boolean key, in Go's strconv.ParseBool spellings as ingress-nginx reads them.</summary>
    public bool ReadBool(ConfigMapKeySpec spec, bool fallback) => Read(spec.Key, fallback, spec.GrammarText, ConfigMapValues.Bool);
}
