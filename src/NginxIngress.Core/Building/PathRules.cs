using System.Text.RegularExpressions;

namespace NginxIngress.Core.Building;

/// <summary>
/// The allow-list for paths. Plain paths are what ingress-nginx's strict-validate-path-type accepts for
/// Exact and Prefix. Every path also passes the deep inspector of CVE-2021-25745 (no nginx directives, no
/// secret or system file paths, no Lua), and none may hold a control character (CVE-2021-25748).
/// </summary>
public static partial class PathRules
{
    /// <summary>Returns null when the path is a plain path (letters, digits, <c>/ . _ ~ -</c>).</summary>
    public static string? CheckPlain(string path) =>
        PlainPath().IsMatch(path) ? null : "must be a plain path of letters, digits and \"/._~-\"; regular expressions need use-regex or rewrite-target on the host";

    /// <summary>Returns null when the path may be written into nginx.conf at all, whatever its kind.</summary>
    public static string? CheckSafe(string path)
    {
        if (!path.StartsWith('/'))
        {
            return "must start with \"/\"";
        }
        if (path.Any(char.IsControl))
        {
            return "must not contain control characters such as a newline";
        }
        return Inspector().IsMatch(path) ? "contains text that is never allowed in a path (an nginx directive, a secret or system file path, or Lua)" : null;
    }

    /// <summary>
    /// Returns null when the path compiles as a regular expression. nginx uses PCRE; .NET's engine agrees on the
    /// syntax Ingress paths use, and `nginx -t` remains the final word on the rendered config.
    /// </summary>
    public static string? CheckRegex(string path)
    {
        try
        {
            _ = new Regex(path, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException)
        {
            // The engine's own wording changes between runtime versions; nginx -t gives PCRE's when it matters.
            return "is not a valid regular expression";
        }
    }

    [GeneratedRegex(@"^/[A-Za-z0-9._~/-]*\z")]
    private static partial Regex PlainPath();

    [GeneratedRegex(@"(?i)(\balias\s|\broot\s|/etc/(passwd|shadow|group|nginx|ingress-controller)|/var/run/secrets|_by_lua|\bload_module\b|\bssl_engine\b)")]
    private static partial Regex Inspector();
}
