namespace NginxIngress.Core.Model;

/// <summary>
/// An active rewrite: <c>rewrite-target</c> is set and differs from the path (ingress-nginx's needsRewrite).
/// <see cref="XForwardedPrefix"/> is only ever sent together with a rewrite, as in ingress-nginx.
/// </summary>
public sealed record RewriteModel(string Target, string? XForwardedPrefix);
