namespace NginxIngress.Core.Annotations;

/// <summary>
/// <c>rewrite-target</c>, <c>use-regex</c> and <c>x-forwarded-prefix</c>, validated with ingress-nginx's
/// allow-lists (parser/validators.go, kept in <see cref="AnnotationRegistry"/>): a rewrite target may use the capture
/// references <c>$1</c> to <c>$9</c> but no other <c>$</c>, query string, quotes, spaces or braces.
/// </summary>
public sealed record RewriteAnnotations(string? Target, bool UseRegex, string? XForwardedPrefix)
{
    public static readonly RewriteAnnotations None = new(null, false, null);

    /// <summary>
    /// ingress-nginx's needsRewrite: a rewrite is active only when the target is set and differs from the path.
    /// An active rewrite promotes its whole host to regex matching.
    /// </summary>
    public bool RewritesPath(string path) => !string.IsNullOrEmpty(Target) && Target != path;

    public static RewriteAnnotations Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var target = reader.Get(AnnotationRegistry.RewriteTarget);
        var prefixHeader = reader.Get(AnnotationRegistry.XForwardedPrefix);
        var useRegex = reader.GetBool(AnnotationRegistry.UseRegex) ?? false;
        return new RewriteAnnotations(target, useRegex, string.IsNullOrEmpty(prefixHeader) ? null : prefixHeader);
    }
}
