using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// The snippet annotations (reference §1.3, §2.1): raw nginx text, Critical, read only when the ConfigMap sets both
/// <c>allow-snippet-annotations: "true"</c> and <c>annotations-risk-level: Critical</c>. The grammar only keeps control
/// characters out; <see cref="SnippetRules"/> then checks the text is whole directives.
/// </summary>
public static partial class SnippetAnnotationSpecs
{
    public static AnnotationSpec ConfigurationSnippet { get; } = new("configuration-snippet", null, AnnotationScope.Location, AnnotationRisk.Critical,
        SnippetGrammar(), SnippetRules.GrammarText, "(none)", "Snippet",
        "nginx directives pasted into each location of the Ingress. Needs allow-snippet-annotations and annotations-risk-level Critical; otherwise ignored with a warning (or, with only the first, the Ingress is refused).");

    public static AnnotationSpec ServerSnippet { get; } = new("server-snippet", null, AnnotationScope.Server, AnnotationRisk.Critical,
        SnippetGrammar(), SnippetRules.GrammarText, "(none)", "Snippet",
        "nginx directives pasted into the server of each host of the Ingress; the oldest Ingress of a host wins. Gated like configuration-snippet.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [ConfigurationSnippet, ServerSnippet];

    [GeneratedRegex(@"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]{1,65536}\z")]
    private static partial Regex SnippetGrammar();
}
