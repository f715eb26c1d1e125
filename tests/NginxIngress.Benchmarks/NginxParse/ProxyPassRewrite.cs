using System.Text.RegularExpressions;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>
/// Text rewrites of the rendered config, for comparison only. The templates render every proxied location as
/// <c>set $proxy_upstream_name "&lt;upstream&gt;";</c> … <c>proxy_pass "http://&lt;upstream&gt;";</c>; each rewrite
/// changes only the proxy_pass line, so the forms differ in nothing else nginx has to parse.
/// <list type="bullet">
/// <item><see cref="ToVariable"/>: <c>proxy_pass http://$proxy_upstream_name;</c>, which routes the same at run
/// time through the location's <c>set</c>. Before nginx 1.23.1 every location whose proxy_pass holds a variable
/// builds its own upstream SSL context while the config is parsed, which is what this row shows.</item>
/// <item><see cref="ToFirstUpstream"/>: every location to the first upstream. It routes wrongly and only gives a
/// floor: a static name is resolved while parsing by scanning the <c>upstream{}</c> blocks in order until one
/// matches (ngx_http_upstream_add), so with the first one every lookup ends at once and the locations ×
/// upstreams scan of the rendered form is gone.</item>
/// </list>
/// Anything else in the rendered text (a proxy_pass in another form, one without its location's <c>set</c>, or
/// one naming no <c>upstream{}</c>) throws <see cref="InvalidOperationException"/>: the templates changed shape,
/// and a rewrite that silently skipped lines would compare configs that differ in more than the proxy_pass.
/// </summary>
public static partial class ProxyPassRewrite
{
    public static string ToVariable(string config) =>
        Rewrite(config, (_, _) => "proxy_pass http://$proxy_upstream_name;");

    public static string ToFirstUpstream(string config) =>
        Rewrite(config, (_, first) => $"proxy_pass \"http://{first}\";");

    /// <param name="replacement">Gets the location's own upstream and the config's first; returns the new directive.</param>
    private static string Rewrite(string config, Func<string, string, string> replacement)
    {
        var lines = config.Split('\n');
        var upstreams = lines.Select(line => UpstreamBlock().Match(line)).Where(match => match.Success).Select(match => match.Groups["name"].Value).ToList();
        if (upstreams.Count == 0)
        {
            throw new InvalidOperationException("the rendered config has no upstream{} block; the templates changed shape");
        }
        var known = upstreams.ToHashSet(StringComparer.Ordinal);

        string? locationUpstream = null;
        var rewritten = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var directive = lines[i].TrimStart();
            if (directive.StartsWith("location ", StringComparison.Ordinal))
            {
                // A set from an earlier location or from server level ("-") must not count for this one.
                locationUpstream = null;
                continue;
            }
            if (SetUpstream().Match(lines[i]) is { Success: true } set)
            {
                locationUpstream = set.Groups["name"].Value;
                continue;
            }
            if (!directive.StartsWith("proxy_pass", StringComparison.Ordinal))
            {
                continue;
            }

            var line = i + 1;
            var proxyPass = StaticProxyPass().Match(lines[i]);
            if (!proxyPass.Success)
            {
                throw new InvalidOperationException($"line {line}: expected proxy_pass \"http://<upstream>\"; as the templates render it, got: {directive}");
            }
            var name = proxyPass.Groups["name"].Value;
            if (locationUpstream != name)
            {
                throw new InvalidOperationException($"line {line}: proxy_pass to {name}, but the location set $proxy_upstream_name to {locationUpstream ?? "nothing"}; the variable form would route differently");
            }
            if (!known.Contains(name))
            {
                throw new InvalidOperationException($"line {line}: proxy_pass to {name}, which no upstream{{}} block defines");
            }
            lines[i] = proxyPass.Groups["indent"].Value + replacement(name, upstreams[0]);
            rewritten++;
        }
        if (rewritten == 0)
        {
            throw new InvalidOperationException("the rendered config has no proxy_pass; the templates changed shape");
        }
        return string.Join('\n', lines);
    }

    // Upstream names are namespace.service.port, DNS labels only, so NginxSyntax.Quote escapes nothing in them and
    // they need no escaping in a URL either.
    [GeneratedRegex(@"^\s*set \$proxy_upstream_name ""(?<name>[a-z0-9._-]+)"";\s*$")]
    private static partial Regex SetUpstream();

    [GeneratedRegex(@"^(?<indent>\s*)proxy_pass ""http://(?<name>[a-z0-9._-]+)"";\s*$")]
    private static partial Regex StaticProxyPass();

    [GeneratedRegex(@"^\s*upstream ""(?<name>[a-z0-9._-]+)"" \{\s*$")]
    private static partial Regex UpstreamBlock();
}
