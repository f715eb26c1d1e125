using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Building;

/// <summary>
/// Builds the routing model from a snapshot, in ordered steps: class filter, annotations, host rules, regex
/// promotion, merge with conflicts (oldest wins), sort. Pure: the same snapshot always gives an equal model,
/// whatever order its objects arrived in. Bad input becomes a <see cref="Problem"/>, never an exception, and
/// only the bad object (or the bad path of it) is left out. An unexpected exception while one Ingress is
/// handled is raised as an <see cref="IngressFaultException"/> naming it, so the caller can leave it out.
/// </summary>
public static class IngressModelBuilder
{
    private const string Stage = "building";

    /// <param name="now">When certificates are checked for expiry; the current time when null.</param>
    /// <param name="rejectedCertificates">Secrets whose certificate nginx refused to load, with nginx's message.</param>
    public static ModelBuildResult Build(ClusterSnapshot snapshot, ControllerOptions options, IReadOnlySet<ObjectKey>? excluded = null, DateTimeOffset? now = null,
        IReadOnlyDictionary<ObjectKey, string>? rejectedCertificates = null)
    {
        var problems = new List<Problem>();
        var configMapSettings = ConfigMapSettings.From(snapshot, options.ConfigMap, problems);
        var tlsSettings = configMapSettings.Tls;
        var ingresses = snapshot.Ingresses
            .Where(entry => excluded?.Contains(entry.Key) != true)
            .Where(entry => IngressFaultException.Guard(entry.Key, Stage, () => IngressClassFilter.Accepts(entry.Value, snapshot, options)))
            .OrderBy(entry => entry.Value, IngressAge.OldestFirst)
            .Select(entry => IngressFaultException.Guard(entry.Key, Stage, () => ParsedIngress.Parse(entry.Value, options, configMapSettings, problems)))
            .OfType<ParsedIngress>()
            .ToList();

        var regexHosts = RegexHosts(ingresses);
        var resolver = new BackendResolver(snapshot);
        var servers = new Dictionary<string, ServerDraft>(StringComparer.Ordinal)
        {
            [ServerModel.CatchAllName] = new(ServerModel.CatchAllName, regexHosts.Contains(ServerModel.CatchAllName), null, null),
        };
        var defaultBackendField = $"metadata.annotations[{options.AnnotationsPrefix}/{UpstreamAnnotationSpecs.DefaultBackend.Name}]";
        foreach (var ingress in ingresses)
        {
            IngressFaultException.Guard(ingress.Key, Stage, () => AddIngress(ingress, servers, regexHosts, resolver, defaultBackendField, problems));
        }
        var refused = rejectedCertificates ?? new Dictionary<ObjectKey, string>();
        TlsAssignment.Assign(ingresses, servers, snapshot, now ?? DateTimeOffset.UtcNow, refused, problems);
        AssignAliases(ingresses, servers, $"metadata.annotations[{options.AnnotationsPrefix}/{ServerAnnotationSpecs.ServerAlias.Name}]", problems);
        AddWwwRedirects(ingresses, servers, $"metadata.annotations[{options.AnnotationsPrefix}/{RedirectAnnotationSpecs.FromToWwwRedirect.Name}]", problems);
        AssignServerSnippets(ingresses, servers, $"metadata.annotations[{options.AnnotationsPrefix}/{SnippetAnnotationSpecs.ServerSnippet.Name}]", problems);

        var model = new IngressModel
        {
            Servers = servers.Values
                .OrderBy(server => server.Hostname == ServerModel.CatchAllName ? 0 : 1)
                .ThenBy(server => server.Hostname, StringComparer.Ordinal)
                .Select(server => server.ToModel(configMapSettings))
                .ToEquatableArray(),
            Backends = resolver.Backends(),
            StreamServices = StreamServicesBuilder.Build(snapshot, options, resolver, problems),
            Tls = tlsSettings,
            Proxy = configMapSettings.Proxy,
            Snippets = configMapSettings.Snippets,
            Http = configMapSettings.Http,
            DefaultCertificate = TlsAssignment.DefaultCertificate(options.DefaultSslCertificate, snapshot, refused, problems),
            DefaultCertificateSecret = options.DefaultSslCertificate,
        };
        return new ModelBuildResult(model, [.. problems]);
    }

    /// <summary>Merges one Ingress's default backend and paths into the servers.</summary>
    private static void AddIngress(ParsedIngress ingress, Dictionary<string, ServerDraft> servers, HashSet<string> regexHosts, BackendResolver resolver,
        string defaultBackendField, List<Problem> problems)
    {
        var defaultBackend = ingress.Spec.DefaultBackend is { } backend
            ? resolver.Reference(ingress.Key, backend, "spec.defaultBackend", problems, ingress.Upstream.Upstream)
            : null;
        var errorBackend = ingress.Upstream.DefaultBackend is { } errorService
            ? resolver.DefaultBackend(ingress.Key, errorService, defaultBackendField, problems)
            : null;
        if (defaultBackend is not null)
        {
            ClaimCatchAll(servers[ServerModel.CatchAllName], ingress, defaultBackend, problems);
        }

        foreach (var rule in ingress.Rules)
        {
            if (!servers.TryGetValue(rule.Host, out var server))
            {
                server = new ServerDraft(rule.Host, regexHosts.Contains(rule.Host), defaultBackend, defaultBackend is null ? null : ingress.Key);
                servers.Add(rule.Host, server);
            }
            foreach (var path in rule.Paths)
            {
                AddPath(server, ingress, path, resolver, errorBackend, problems);
            }
        }
    }

    /// <summary>
    /// Host-wide regex promotion: when any path of a host, from any Ingress, has use-regex or an active
    /// rewrite, every path of that host becomes a case-insensitive prefix regex.
    /// </summary>
    private static HashSet<string> RegexHosts(IEnumerable<ParsedIngress> ingresses) =>
        ingresses
            .SelectMany(ingress => IngressFaultException.Guard(ingress.Key, Stage, () => ingress.Rules
                .Where(rule => ingress.Rewrite.UseRegex || rule.Paths.Any(path => ingress.Rewrite.RewritesPath(path.Path)))
                .Select(rule => rule.Host)
                .ToList()))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// An Ingress with a default backend and no rules serves unknown hosts (ingress-nginx's catch-all); the
    /// oldest such Ingress wins. An Ingress with rules never does (controller.go createServers checks
    /// <c>len(ing.Spec.Rules) == 0</c>): its default backend covers its own hosts, so one team's Ingress
    /// cannot capture every other host's stray traffic.
    /// </summary>
    private static void ClaimCatchAll(ServerDraft catchAll, ParsedIngress ingress, BackendRef backend, List<Problem> problems)
    {
        if (ingress.Spec.Rules is { Count: > 0 })
        {
            return;
        }
        if (catchAll.RootIngress is null)
        {
            catchAll.RootBackend = backend;
            catchAll.RootIngress = ingress.Key;
        }
        else
        {
            problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), "spec.defaultBackend", ProblemSeverity.Warning, "Conflict",
                $"the default backend for unknown hosts is already set by the older Ingress {catchAll.RootIngress}; this one is ignored"));
        }
    }

    private static void AddPath(ServerDraft server, ParsedIngress ingress, IngressPath path, BackendResolver resolver, BackendRef? errorBackend, List<Problem> problems)
    {
        var subject = ObjectRef.Ingress(ingress.Key);
        var reason = PathRules.CheckSafe(path.Path)
            ?? (server.UseRegex ? PathRules.CheckRegex(path.Path)
                : path.PathType is "Exact" or "Prefix" ? PathRules.CheckPlain(path.Path) : null);
        if (reason is not null)
        {
            problems.Add(new Problem(subject, $"{path.Field}.path", ProblemSeverity.Error, "InvalidPath",
                $"path \"{AnnotationReader.Printable(path.Path)}\" {reason}; this path is not served"));
            return;
        }

        var match = path.PathType == "Exact" ? PathMatch.Exact : PathMatch.Prefix;
        // The API ignores a trailing slash on a Prefix path; on a regex host the path is a regex and stays as written.
        var locationPath = match == PathMatch.Prefix && !server.UseRegex ? TrimTrailingSlashes(path.Path) : path.Path;
        // The conflict is settled before the backend is resolved, so a path that is not served leaves no
        // upstream behind and draws no warning about its Service.
        if (server.Owner(locationPath, match) is { } owner)
        {
            problems.Add(new Problem(subject, $"{path.Field}.path", ProblemSeverity.Error, "Conflict",
                $"host \"{server.Hostname}\" path \"{path.Path}\" ({match}) is already defined by the older Ingress {owner}; this path is not served"));
            return;
        }

        var backend = resolver.Reference(ingress.Key, path.Backend, $"{path.Field}.backend", problems, ingress.Upstream.Upstream, errorBackend);
        if (backend is null)
        {
            return;
        }
        server.Add(new LocationModel
        {
            Path = locationPath,
            Match = match,
            Backend = backend,
            Ingress = ingress.Key,
            Rewrite = ingress.Rewrite.RewritesPath(path.Path) ? new RewriteModel(ingress.Rewrite.Target!, ingress.Rewrite.XForwardedPrefix) : null,
            SslRedirect = ingress.Tls.SslRedirect,
            ForceSslRedirect = ingress.Tls.ForceSslRedirect,
            Proxy = ingress.Proxy,
            Access = ingress.Access,
            Redirect = ingress.Redirect.Redirect,
            AppRoot = ingress.Redirect.AppRoot,
            UpstreamVhost = ingress.Backend.UpstreamVhost,
            AccessLog = ingress.Backend.AccessLog,
            ConnectionHeader = ingress.Backend.ConnectionHeader,
            PreserveTrailingSlash = ingress.Redirect.PreserveTrailingSlash,
            Cors = ingress.Cors,
            Snippet = ingress.Snippets.Location,
            Protocol = ingress.Upstream.Protocol,
            DefaultBackend = errorBackend,
            CustomHttpErrors = ingress.Upstream.CustomHttpErrors,
        });
    }

    /// <summary>
    /// from-to-www-redirect (ingress-nginx's createServers): for each host of the Ingress, a server for the other name
    /// (<c>www.</c> added or removed) that redirects to it, unless that name is a host or an alias already. It serves
    /// HTTPS with the host's certificate when that covers the other name, else with the default certificate.
    /// </summary>
    private static void AddWwwRedirects(IReadOnlyList<ParsedIngress> oldestFirst, Dictionary<string, ServerDraft> servers, string field, List<Problem> problems)
    {
        var aliases = servers.Values.SelectMany(server => server.Aliases).ToHashSet(StringComparer.Ordinal);
        foreach (var ingress in oldestFirst.Where(ingress => ingress.Redirect.FromToWww))
        {
            foreach (var host in ingress.Rules.Select(rule => rule.Host).Where(host => host != ServerModel.CatchAllName && !host.StartsWith('*')).Distinct(StringComparer.Ordinal))
            {
                var from = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : "www." + host;
                if (servers.TryGetValue(from, out var existing))
                {
                    if (existing.WwwRedirect?.To != host)
                    {
                        problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), field, ProblemSeverity.Warning, "RedirectIgnored",
                            $"\"{from}\" is served already; no redirect from it to \"{host}\" is added"));
                    }
                    continue;
                }
                if (aliases.Contains(from) || HostNameRules.CheckIngressHost(from) is not null)
                {
                    problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), field, ProblemSeverity.Warning, "RedirectIgnored",
                        $"\"{from}\" is {(aliases.Contains(from) ? "an alias already" : "not a valid host name")}; no redirect from it to \"{host}\" is added"));
                    continue;
                }
                var target = servers[host];
                servers.Add(from, new ServerDraft(from, false, null, null)
                {
                    WwwRedirect = (host, ingress.Key),
                    Tls = target.Tls is { Certificate: { } certificate } tls && certificate.Covers(from) ? tls : null,
                });
            }
        }
    }

    /// <summary>ingress-nginx's server-snippet rule: once per host, the oldest Ingress wins; a younger one is told.</summary>
    private static void AssignServerSnippets(IReadOnlyList<ParsedIngress> oldestFirst, Dictionary<string, ServerDraft> servers, string field, List<Problem> problems)
    {
        foreach (var ingress in oldestFirst.Where(ingress => ingress.Snippets.Server is not null))
        {
            foreach (var host in ingress.Rules.Select(rule => rule.Host).Distinct(StringComparer.Ordinal))
            {
                var server = servers[host];
                if (server.SnippetIngress is { } owner)
                {
                    problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), field, ProblemSeverity.Warning, "Conflict",
                        $"host \"{host}\" already has the server-snippet of the older Ingress {owner}; this one is ignored there"));
                    continue;
                }
                server.Snippet = ingress.Snippets.Server;
                server.SnippetIngress = ingress.Key;
            }
        }
    }

    /// <summary>
    /// ingress-nginx's server-alias rule: each alias goes to the Ingress's first host, oldest Ingress first; an alias
    /// that is a host already, or another server's alias already, is ignored with a warning.
    /// </summary>
    private static void AssignAliases(IReadOnlyList<ParsedIngress> oldestFirst, Dictionary<string, ServerDraft> servers, string field, List<Problem> problems)
    {
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ingress in oldestFirst.Where(ingress => ingress.Aliases.Count > 0))
        {
            if (ingress.Rules.FirstOrDefault(rule => rule.Host != ServerModel.CatchAllName) is not { } first)
            {
                problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), field, ProblemSeverity.Warning, "AliasIgnored", "the Ingress has no host to alias; server-alias is ignored"));
                continue;
            }
            foreach (var alias in ingress.Aliases)
            {
                var owner = servers.ContainsKey(alias) ? "is a host of its own" : claimed.TryGetValue(alias, out var host) ? $"is already an alias of \"{host}\"" : null;
                if (owner is not null)
                {
                    problems.Add(new Problem(ObjectRef.Ingress(ingress.Key), field, ProblemSeverity.Warning, "AliasIgnored", $"alias \"{alias}\" {owner}; it is ignored"));
                    continue;
                }
                claimed[alias] = first.Host;
                servers[first.Host].Aliases.Add(alias);
            }
        }
    }

    private static string TrimTrailingSlashes(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }
}
