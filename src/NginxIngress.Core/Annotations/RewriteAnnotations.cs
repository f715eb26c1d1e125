using System.Text.RegularExpressions;
using k8s.Models;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>rewrite-target</c>, <c>use-regex</c> and <c>x-forwarded-prefix</c>, validated with ingress-nginx's
/// allow-lists (parser/validators.go): a rewrite target may use capture references such as <c>$1</c> but no
/// query string, quotes, spaces or braces.
/// </summary>
public sealed partial record RewriteAnnotations(string? Target, bool UseRegex, string? XForwardedPrefix)
{
    public static readonly RewriteAnnotations None = new(null, false, null);

    /// <summary>
    /// ingress-nginx's needsRewrite: a rewrite is active only when the target is set and differs from the path.
    /// An active rewrite promotes its whole host to regex matching.
    /// </summary>
    public bool RewritesPath(string path) => !string.IsNullOrEmpty(Target) && Target != path;

    public static RewriteAnnotations Parse(V1ObjectMeta metadata, string prefix)
    {
        var reader = new AnnotationReader(metadata, prefix);
        var target = reader.Get("rewrite-target");
        if (target is not null && !RewriteTargetGrammar().IsMatch(target))
        {
            throw new AnnotationException(reader.FieldFor("rewrite-target"),
                $"\"{AnnotationReader.Printable(target)}\" is not a valid rewrite target: only letters, digits, \"/\", \"-._~:\" and \"$\" capture references are allowed");
        }

        var prefixHeader = reader.Get("x-forwarded-prefix");
        if (prefixHeader is not null && !ForwardedPrefixGrammar().IsMatch(prefixHeader))
        {
            throw new AnnotationException(reader.FieldFor("x-forwarded-prefix"),
                $"\"{AnnotationReader.Printable(prefixHeader)}\" is not a valid prefix: only letters, digits, \"/\" and \"-._~\" are allowed");
        }

        var useRegex = reader.GetBool("use-regex") ?? false;
        return new RewriteAnnotations(target, useRegex, string.IsNullOrEmpty(prefixHeader) ? null : prefixHeader);
    }

    // ingress-nginx's RegexPathWithCapture.
    [GeneratedRegex(@"^/?[-._~a-zA-Z0-9/:$]*\z")]
    private static partial Regex RewriteTargetGrammar();

    [GeneratedRegex(@"^/?[-._~a-zA-Z0-9/]*\z")]
    private static partial Regex ForwardedPrefixGrammar();
}
