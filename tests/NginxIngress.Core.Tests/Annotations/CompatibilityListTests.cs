using System.Text.RegularExpressions;
using NginxIngress.Core.Annotations;
using NginxIngress.TestKit;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>
/// A user migrating from ingress-nginx can look up any of its annotations: each one is either read (in the registry,
/// so in docs/annotations.md) or named in docs/compatibility.md's "Not yet supported" list, and never both.
/// </summary>
public sealed partial class CompatibilityListTests
{
    private static readonly string[] IngressNginxAnnotations = File.ReadAllLines(
            Path.Combine(RepoPaths.Root, "tests", "NginxIngress.Core.Tests", "Annotations", "ingress-nginx-annotations.txt"))
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToArray();

    [Test]
    public void Every_ingress_nginx_annotation_is_either_supported_or_listed_as_not_yet_supported()
    {
        var supported = AnnotationRegistry.All.Select(spec => spec.Name).ToHashSet();
        var listed = NotYetSupported();

        Assert.That(IngressNginxAnnotations.Where(name => !supported.Contains(name) && !listed.Contains(name)), Is.Empty,
            "add these to docs/compatibility.md's \"Not yet supported\" list");
    }

    [Test]
    public void No_supported_annotation_is_listed_as_not_yet_supported()
    {
        var listed = NotYetSupported();

        Assert.That(AnnotationRegistry.All.Select(spec => spec.Name).Where(listed.Contains), Is.Empty,
            "remove these from docs/compatibility.md's \"Not yet supported\" list");
    }

    [Test]
    public void Every_supported_annotation_is_one_ingress_nginx_has()
    {
        Assert.That(AnnotationRegistry.All.Select(spec => spec.Name).Except(IngressNginxAnnotations), Is.Empty);
    }

    /// <summary>The annotation names in back-quotes in the section, without the prefix.</summary>
    private static HashSet<string> NotYetSupported()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "compatibility.md"));
        var start = text.IndexOf("## Not yet supported", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/compatibility.md has a \"Not yet supported\" section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return QuotedName().Matches(section).Select(match => match.Groups[1].Value).ToHashSet();
    }

    [GeneratedRegex("`([a-z0-9]+(?:-[a-z0-9]+)*)`")]
    private static partial Regex QuotedName();
}
