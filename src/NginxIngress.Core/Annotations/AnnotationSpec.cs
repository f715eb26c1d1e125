using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// One supported annotation, as data: its name (under the annotations prefix), the ConfigMap key that sets its
/// default when there is one, its scope, its risk, the allow-list its value must match, its default, the feature
/// (model record) it feeds and what it does. The parsers read their grammar from here, so the documentation
/// (<c>docs/annotations.md</c>, generated from <see cref="AnnotationRegistry"/>) cannot drift from what is enforced.
/// </summary>
public sealed record AnnotationSpec(
    string Name,
    string? ConfigMapKey,
    AnnotationScope Scope,
    AnnotationRisk Risk,
    Regex Grammar,
    string GrammarText,
    string Default,
    string Feature,
    string Meaning)
{
    /// <summary>Whether <paramref name="value"/> passes the allow-list.</summary>
    public bool Accepts(string value) => Grammar.IsMatch(value);
}
