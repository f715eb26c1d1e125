using k8s.Models;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Reads <c>&lt;prefix&gt;/&lt;name&gt;</c> annotations from one Ingress. Annotation values are always strings in
/// Kubernetes; booleans accept what Go's strconv.ParseBool accepts, because that is what ingress-nginx users wrote.
/// A value that fails its allow-list or risk gate is collected in <see cref="Errors"/> and read as absent, so every
/// parser still runs and the author learns of every bad annotation at once, not one per edit.
/// </summary>
public sealed class AnnotationReader(V1ObjectMeta metadata, string prefix, AnnotationRisk allowedRisk = AnnotationRisk.High)
{
    private static readonly string[] TrueWords = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] FalseWords = ["0", "f", "F", "FALSE", "false", "False"];

    private readonly List<AnnotationException> _errors = [];
    private readonly List<AnnotationException> _warnings = [];

    /// <summary>Every refused annotation, one per field; any makes the Ingress unserved.</summary>
    public IReadOnlyList<AnnotationException> Errors => _errors;

    /// <summary>Annotations that were read as absent on purpose (disabled snippets); the Ingress is still served.</summary>
    public IReadOnlyList<AnnotationException> Warnings => _warnings;

    /// <summary>Records a refused annotation; a second fault of the same field adds nothing.</summary>
    public void Refuse(AnnotationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!_errors.Any(existing => existing.Field == error.Field))
        {
            _errors.Add(error);
        }
    }

    public void Warn(AnnotationException warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        _warnings.Add(warning);
    }

    /// <summary>Every annotation under the prefix, by its name without the prefix, in ordinal order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Prefixed() =>
        (metadata.Annotations ?? new Dictionary<string, string>())
            .Where(entry => entry.Key.StartsWith(prefix + "/", StringComparison.Ordinal))
            .Select(entry => KeyValuePair.Create(entry.Key[(prefix.Length + 1)..], entry.Value))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal);

    public string FieldFor(string name) => $"metadata.annotations[{prefix}/{name}]";

    public string? Get(string name) =>
        metadata.Annotations is { } annotations && annotations.TryGetValue($"{prefix}/{name}", out var value) ? value : null;

    /// <summary>
    /// The value of a registered annotation, or null when absent. When the annotation's risk is above
    /// <c>annotations-risk-level</c>, or its value fails the spec's allow-list, the fault goes to <see cref="Errors"/>
    /// and the annotation reads as absent.
    /// </summary>
    public string? Get(AnnotationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var value = Get(spec.Name);
        if (value is null)
        {
            return null;
        }
        if (spec.Risk > allowedRisk)
        {
            Refuse(new AnnotationException(FieldFor(spec.Name),
                $"its risk is {spec.Risk}, above the ConfigMap's annotations-risk-level ({allowedRisk})"));
            return null;
        }
        if (!spec.Accepts(value))
        {
            Refuse(new AnnotationException(FieldFor(spec.Name), $"\"{Printable(value)}\" is not valid: it must be {spec.GrammarText}"));
            return null;
        }
        return value;
    }

    /// <summary>A registered boolean annotation: null when absent.</summary>
    public bool? GetBool(AnnotationSpec spec) => Get(spec) is { } value ? TrueWords.Contains(value) : null;

    /// <summary>Returns null when absent, or when the value is not a boolean (which goes to <see cref="Errors"/>).</summary>
    public bool? GetBool(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }
        if (TrueWords.Contains(value))
        {
            return true;
        }
        if (FalseWords.Contains(value))
        {
            return false;
        }
        Refuse(new AnnotationException(FieldFor(name), $"\"{Printable(value)}\" is not a boolean; use \"true\" or \"false\""));
        return null;
    }

    /// <summary>Shows a rejected value in a message without letting control characters reach a terminal or log.</summary>
    public static string Printable(string value)
    {
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
