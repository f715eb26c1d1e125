using NginxIngress.Core.Settings;

namespace NginxIngress.Core.Annotations;

/// <summary><c>configuration-snippet</c> and <c>server-snippet</c>, behind the ConfigMap's snippet gates.</summary>
public sealed record SnippetAnnotations(string? Location, string? Server)
{
    public static readonly SnippetAnnotations None = new(null, null);

    /// <exception cref="AnnotationException">A snippet is not whole nginx directives.</exception>
    public static SnippetAnnotations Parse(AnnotationReader reader, AnnotationGates gates)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(gates);
        return new SnippetAnnotations(Read(reader, gates, SnippetAnnotationSpecs.ConfigurationSnippet), Read(reader, gates, SnippetAnnotationSpecs.ServerSnippet));
    }

    /// <summary>
    /// ingress-nginx drops snippet annotations while <c>allow-snippet-annotations</c> is false (store.go) and serves the
    /// Ingress without them; with it true, the risk gate applies, so <c>annotations-risk-level</c> must be Critical too.
    /// </summary>
    private static string? Read(AnnotationReader reader, AnnotationGates gates, AnnotationSpec spec)
    {
        if (reader.Get(spec.Name) is null)
        {
            return null;
        }
        if (!gates.AllowSnippetAnnotations)
        {
            reader.Warn(new AnnotationException(reader.FieldFor(spec.Name),
                "snippet annotations are disabled (the ConfigMap's allow-snippet-annotations is false); the snippet is ignored"));
            return null;
        }
        var snippet = reader.Get(spec);
        if (snippet is not null && SnippetRules.Fault(snippet) is { } fault)
        {
            throw new AnnotationException(reader.FieldFor(spec.Name), $"the snippet cannot be used ({fault}): it must be {spec.GrammarText}");
        }
        return snippet;
    }
}
