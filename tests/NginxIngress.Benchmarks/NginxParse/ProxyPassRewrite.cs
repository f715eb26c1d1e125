using System.Text.RegularExpressions;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>
/// Text rewrites of the rendered config, for comparison only. The templates render every proxied location as
/// <c>set $proxy_upstream_name "&lt;name&gt;";</c> … <c>proxy_pass "http://&lt;block&gt;";</c>, where the block name is
/// the plain name behind four hex digits (<see cref="NginxNames.UpstreamBlock"/>); each rewrite changes only upstream
/// names and proxy_pass lines, so the forms differ in nothing else nginx has to parse.
/// <list type="bullet">
/// <item><see cref="ToPlainNames"/>: the upstream{} blocks and proxy_pass named <c>namespace.service.port</c>, the
/// layout before the digits. Names of one namespace share their length and first bytes, so each of nginx's
/// name comparisons while parsing runs into them.</item>
/// <item><see cref="ToVariable"/>: plain names, and <c>proxy_pass http://$proxy_upstream_name;</c>, which routes the
/// same at run time through the location's <c>set</c>, with a scan of every upstream{} per request. Before nginx
/// 1.23.1 every location whose proxy_pass holds a variable also builds its own upstream SSL context while the
/// config is parsed.</item>
/// <item><see cref="ToFirstUpstream"/>: every location to the first upstream. It routes wrongly and only gives a
/// floor: a static name is resolved while parsing by scanning the <c>upstream{}</c> blocks in order until one
/// matches (ngx_http_upstream_add), so with the first one every lookup ends at once and the locations ×
/// upstreams scan is gone.</item>
/// </list>
/// Anything else in the rendered text (a proxy_pass in another form, one without its location's <c>set</c>, or
/// one naming no <c>upstream{}</c>) throws <see cref="InvalidOperationException"/>: the templates changed shape,
/// and a rewrite that silently skipped lines would compare configs that differ in more than the proxy_pass.
/// </summary>
public static partial class ProxyPassRewrite
{
    public static string ToPlainNames(string config) =>
        Rewrite(config, (plain, _) => $"proxy_pass \"http://{plain}\";", plainUpstreamNames: true);

    public static string ToVariable(string config) =>
        Rewrite(config, (_, _) => "proxy_pass http://$proxy_upstream_name;", plainUpstreamNames: true);

    public static string ToFirstUpstream(string config) =>
        Rewrite(config, (_, first) => $"proxy_pass \"http://{first}\";", plainUpstreamNames: false);

    /// <param name="replacement">Gets the location's plain upstream name and the config's first upstream{} name; returns the new directive.</param>
    /// <param name="plainUpstreamNames">Whether the upstream{} blocks lose their digits too.</param>
    private static string Rewrite(string config, Func<string, string, string> replacement, bool plainUpstreamNames)
    {
        var lines = config.Split('\n');
        var upstreams = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (UpstreamBlock().Match(lines[i]) is not { Success: true } block)
            {
                continue;
            }
            var name = block.Groups["name"].Value;
            var plain = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (NginxNames.UpstreamBlock(plain) != name)
            {
                throw new InvalidOperationException($"line {i + 1}: upstream{{}} {name} is not named as NginxNames.UpstreamBlock names it");
            }
            if (plainUpstreamNames)
            {
                lines[i] = lines[i].Replace($"\"{name}\"", $"\"{plain}\"", StringComparison.Ordinal);
            }
            upstreams.Add(plainUpstreamNames ? plain : name);
        }
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
            var blockName = proxyPass.Groups["name"].Value;
            if (locationUpstream is null || NginxNames.UpstreamBlock(locationUpstream) != blockName)
            {
                throw new InvalidOperationException($"line {line}: proxy_pass to {blockName}, but the location set $proxy_upstream_name to {locationUpstream ?? "nothing"}; the variable form would route differently");
            }
            if (!known.Contains(plainUpstreamNames ? locationUpstream : blockName))
            {
                throw new InvalidOperationException($"line {line}: proxy_pass to {blockName}, which no upstream{{}} block defines");
            }
            lines[i] = proxyPass.Groups["indent"].Value + replacement(locationUpstream, upstreams[0]);
            rewritten++;
        }
        if (rewritten == 0)
        {
            throw new InvalidOperationException("the rendered config has no proxy_pass; the templates changed shape");
        }
        return string.Join('\n', lines);
    }

    // Upstream names are namespace.service.port, DNS labels only, behind hex digits, so NginxSyntax.Quote escapes
    // nothing in them and they need no escaping in a URL either.
    [GeneratedRegex(@"^\s*set \$proxy_upstream_name ""(?<name>[a-z0-9._-]+)"";\s*$")]
    private static partial Regex SetUpstream();

    [GeneratedRegex(@"^(?<indent>\s*)proxy_pass ""http://(?<name>[a-z0-9._-]+)"";\s*$")]
    private static partial Regex StaticProxyPass();

    [GeneratedRegex(@"^\s*upstream ""(?<name>[a-z0-9._-]+)"" \{\s*$")]
    private static partial Regex UpstreamBlock();
}
