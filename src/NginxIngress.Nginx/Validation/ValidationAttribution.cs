using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Validation;

/// <summary>
/// Finds which Ingresses a rejected line of nginx.conf came from, so those alone can be excluded and the
/// rest of the cluster still goes live. A line inside a location belongs to the Ingress named by that
/// location's <c>set $namespace</c>/<c>set $ingress_name</c>; a line inside an upstream belongs to every
/// Ingress that proxies to it.
/// </summary>
public static class ValidationAttribution
{
    public static IReadOnlySet<ObjectKey> Culprits(string configText, int line, NginxConfig config)
    {
        var lines = configText.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return new HashSet<ObjectKey>();
        }
        for (var i = line - 1; i >= 0; i--)
        {
            var text = lines[i].TrimStart();
            if (text.StartsWith("location ", StringComparison.Ordinal))
            {
                return LocationOwner(lines, i) is { } owner ? new HashSet<ObjectKey> { owner } : new HashSet<ObjectKey>();
            }
            if (text.StartsWith("upstream ", StringComparison.Ordinal))
            {
                var name = Unquote(text["upstream ".Length..].TrimEnd('{', ' '));
                return config.Servers
                    .SelectMany(server => server.Locations)
                    .Where(location => location.Upstream == name && location.Owner is not null)
                    .Select(location => new ObjectKey(location.Owner!.Namespace, location.Owner.IngressName))
                    .ToHashSet();
            }
            if (text.StartsWith("server {", StringComparison.Ordinal) || text.StartsWith("http {", StringComparison.Ordinal))
            {
                break;
            }
        }
        return new HashSet<ObjectKey>();
    }

    private static ObjectKey? LocationOwner(string[] lines, int locationLine)
    {
        string? ns = null;
        string? name = null;
        for (var i = locationLine + 1; i < lines.Length && !lines[i].TrimStart().StartsWith('}'); i++)
        {
            var text = lines[i].Trim().TrimEnd(';');
            if (text.StartsWith("set $namespace ", StringComparison.Ordinal))
            {
                ns = Unquote(text["set $namespace ".Length..]);
            }
            else if (text.StartsWith("set $ingress_name ", StringComparison.Ordinal))
            {
                name = Unquote(text["set $ingress_name ".Length..]);
            }
        }
        return ns is not null && name is not null ? new ObjectKey(ns, name) : null;
    }

    /// <summary>Inverse of NginxSyntax.Quote for the names written there (which never hold a quote).</summary>
    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] == '"' && token[^1] == '"' ? token[1..^1].Replace("\\\\", "\\", StringComparison.Ordinal) : token;
}
