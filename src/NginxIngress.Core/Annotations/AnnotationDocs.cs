using System.Text;
using NginxIngress.Core.Settings;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>docs/annotations.md</c>, printed from <see cref="AnnotationRegistry"/> and <see cref="ConfigMapKeyRegistry"/>
/// (<c>make docs</c>); a test fails when the committed file and the registries disagree.
/// </summary>
public static class AnnotationDocs
{
    public static string Markdown()
    {
        var text = new StringBuilder()
            .AppendLine("# Annotations and ConfigMap keys")
            .AppendLine()
            .AppendLine("Generated from the registries in `src/NginxIngress.Core` by `make docs`; do not edit by hand. Every value")
            .AppendLine("must match its grammar, or the Ingress is not served (annotations) or the default is kept (ConfigMap keys),")
            .AppendLine("with a problem naming the field. Anything not listed here is not read yet: see")
            .AppendLine("[compatibility.md](compatibility.md).")
            .AppendLine()
            .AppendLine("## Annotations (`nginx.ingress.kubernetes.io/`, or `--annotations-prefix`)")
            .AppendLine()
            .AppendLine("| annotation | scope | risk | grammar | default | ConfigMap key | meaning |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var spec in AnnotationRegistry.All.OrderBy(spec => spec.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"| `{spec.Name}` | {spec.Scope} | {spec.Risk} | {Cell(spec.GrammarText)} | {Cell(spec.Default)} | {(spec.ConfigMapKey is { } key ? $"`{key}`" : "—")} | {Cell(spec.Meaning)} |");
        }
        text.AppendLine()
            .AppendLine("## ConfigMap keys (`--configmap`)")
            .AppendLine()
            .AppendLine("| key | grammar | default | meaning |")
            .AppendLine("|---|---|---|---|");
        foreach (var spec in ConfigMapKeyRegistry.All.OrderBy(spec => spec.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"| `{spec.Key}` | {Cell(spec.GrammarText)} | {Cell(spec.Default)} | {Cell(spec.Meaning)} |");
        }
        return text.ToString();
    }

    /// <summary>A table cell: a pipe would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
