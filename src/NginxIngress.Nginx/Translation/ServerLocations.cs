using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// The locations of one server. On a regex host every path is <c>~* "^path"</c>, as ingress-nginx writes it.
/// Elsewhere the Ingress API's matching is built from nginx's exact and prefix locations:
/// <list type="bullet">
/// <item>Exact <c>/foo</c> is <c>location = /foo</c>.</item>
/// <item>Prefix <c>/foo</c> is <c>location /foo/</c> plus <c>location = /foo</c>, so <c>/foo</c>, <c>/foo/</c> and
/// <c>/foo/bar</c> match but <c>/foobar</c> does not.</item>
/// <item>nginx answers a request for <c>/foo</c> with a 301 to <c>/foo/</c> when the only location that nearly
/// matches is a proxied <c>/foo/</c>. The API says no redirect: <c>/foo</c> goes where the API's own matching
/// sends it. So every <c>…/</c> location gets a twin <c>= …</c> without the slash, pointing there.</item>
/// </list>
/// </summary>
internal static class ServerLocations
{
    public static EquatableArray<LocationConfig> Translate(ServerModel server, IReadOnlySet<BackendRef> servedBackends, ProxyModel httpProxy, string? locationSnippet)
    {
        var locations = TranslateAll(server, servedBackends, httpProxy);
        return locationSnippet is null
            ? locations
            : locations.Select(location => location with { Snippets = new EquatableArray<string>([locationSnippet, .. location.Snippets]) }).ToEquatableArray();
    }

    private static EquatableArray<LocationConfig> TranslateAll(ServerModel server, IReadOnlySet<BackendRef> servedBackends, ProxyModel httpProxy)
    {
        if (server.UseRegex)
        {
            return server.Locations.Select(location => Build(server, location, "~*", "^" + location.Path, servedBackends, httpProxy)).ToEquatableArray();
        }

        var exactPaths = server.Locations.Where(l => l.Match == PathMatch.Exact).Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        var result = new List<LocationConfig>();
        foreach (var location in server.Locations)
        {
            if (location.Match == PathMatch.Exact)
            {
                result.Add(Build(server, location, "=", location.Path, servedBackends, httpProxy));
            }
            else if (location.Path == "/")
            {
                result.Add(Build(server, location, "", "/", servedBackends, httpProxy));
            }
            else
            {
                result.Add(Build(server, location, "", location.Path + "/", servedBackends, httpProxy));
                if (exactPaths.Add(location.Path))
                {
                    result.Add(Build(server, location, "=", location.Path, servedBackends, httpProxy));
                }
            }
        }

        // Exact paths ending in "/" (Prefix paths never end in "/" here: the builder trims them).
        foreach (var location in server.Locations.Where(l => l.Match == PathMatch.Exact && l.Path.Length > 1 && l.Path.EndsWith('/')))
        {
            var bare = location.Path.TrimEnd('/');
            if (bare.Length > 0 && exactPaths.Add(bare))
            {
                result.Add(Build(server, PrefixMatchFor(server, bare), "=", bare, servedBackends, httpProxy));
            }
        }
        return result.ToEquatableArray();
    }

    /// <summary>The Prefix location the Ingress API picks for <paramref name="requestPath"/>: the longest whose segments prefix it.</summary>
    private static LocationModel PrefixMatchFor(ServerModel server, string requestPath) =>
        server.Locations
            .Where(l => l.Match == PathMatch.Prefix && (l.Path == "/" || requestPath == l.Path || requestPath.StartsWith(l.Path + "/", StringComparison.Ordinal)))
            .MaxBy(l => l.Path.Length)!;

    private static LocationConfig Build(ServerModel server, LocationModel location, string modifier, string path, IReadOnlySet<BackendRef> servedBackends, ProxyModel httpProxy) =>
        location.Ingress is { } ingress
            ? IngressFaultException.Guard(ingress, "translating", () => BuildUnguarded(server, location, modifier, path, servedBackends, httpProxy))
            : BuildUnguarded(server, location, modifier, path, servedBackends, httpProxy);

    private static LocationConfig BuildUnguarded(ServerModel server, LocationModel location, string modifier, string path, IReadOnlySet<BackendRef> servedBackends, ProxyModel httpProxy)
    {
        var owner = location is { Backend: { } backend, Ingress: { } ingress }
            ? new LocationOwner(ingress.Namespace, ingress.Name, backend.ServiceName, backend.Port)
            : null;
        // A Service without ready endpoints falls back to the default-backend annotation's Service, when that has some.
        var target = location.Backend is { } backendRef && servedBackends.Contains(backendRef) ? backendRef
            : location.Backend is not null && location.DefaultBackend is { } fallback && servedBackends.Contains(fallback) ? fallback
            : null;
        var served = target is not null;
        var upstream = target is null ? null : NginxNames.Upstream(target);
        return new LocationConfig
        {
            Modifier = modifier,
            Path = path,
            HttpsRedirect = TlsTranslation.Redirects(server, location),
            PreserveTrailingSlash = location.PreserveTrailingSlash,
            ProxyDirectives = ProxyDirectives.Overrides(location.Proxy, httpProxy),
            Redirect = location.Redirect,
            AppRoot = location.AppRoot,
            UpstreamVhost = location.UpstreamVhost,
            ConnectionHeader = location.ConnectionHeader,
            AccessLog = location.AccessLog,
            Deny = location.Access.Deny,
            Allow = location.Access.Allow,
            Owner = owner,
            Upstream = upstream,
            Pass = upstream is null ? null : BackendPass.For(location, upstream, target != location.Backend, servedBackends),
            ReturnStatus = served ? null : location.Backend is null ? 404 : 503,
            // ingress-nginx uses the path itself as the rewrite pattern, case-insensitive like the location.
            Rewrite = location.Rewrite is { } rewrite ? new RewriteConfig("(?i)" + location.Path, rewrite.Target) : null,
            ForwardedPrefix = location.Rewrite?.XForwardedPrefix,
            Cors = location.Cors is { } cors ? CorsTranslation.For(cors) : null,
            Snippets = location.Snippet is { } snippet ? new EquatableArray<string>([snippet]) : EquatableArray<string>.Empty,
        };
    }
}
