using k8s.Models;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Reads <c>&lt;prefix&gt;/&lt;name&gt;</c> annotations from one Ingress. Annotation values are always strings in
/// Kubernetes; booleans accept what Go's strconv.ParseBool accepts, because that is what ingress-nginx users wrote.
/// </summary>
public sealed class AnnotationReader(V1ObjectMeta metadata, string prefix, AnnotationRisk allowedRisk = AnnotationRisk.High)
{
    private static readonly string[] TrueWords = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] FalseWords = ["0", "f", "F", "FALSE", "false", "False"];

    public string FieldFor(string name) => $"metadata.annotations[{prefix}/{name}]";

    public string? Get(string name) =>
        metadata.Annotations is { } annotations && annotations.TryGetValue($"{prefix}/{name}", out var value) ? value : null;

    /// <summary>
    /// The value of a registered annotation, or null when absent. Throws <see cref="AnnotationException"/> when the
    /// annotation's risk is above <c>annotations-risk-level</c>, or its value fails the spec's allow-list.
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
            throw new AnnotationException(FieldFor(spec.Name),
                $"its risk is {spec.Risk}, above the ConfigMap's annotations-risk-level ({allowedRisk})");
        }
        if (!spec.Accepts(value))
        {
            throw new AnnotationException(FieldFor(spec.Name), $"\"{Printable(value)}\" is not valid: it must be {spec.GrammarText}");
        }
        return value;
    }

    /// <summary>A registered boolean annotation: null when absent.</summary>
    public bool? GetBool(AnnotationSpec spec) => Get(spec) is { } value ? TrueWords.Contains(value) : null;

    /// <summary>Returns null when absent; throws <see cref="AnnotationException"/> for a value that is not a boolean.</summary>
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
        throw new AnnotationException(FieldFor(name), $"\"{Printable(value)}\" is not a boolean; use \"true\" or \"false\"");
    }

    /// <summary>Shows a rejected value in a message without letting control characters reach a terminal or log.</summary>
    public static string Printable(string value)
    {
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
