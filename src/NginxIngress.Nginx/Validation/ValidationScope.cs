using NginxIngress.Core.Collections;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Validation;

public enum ValidationScopeKind
{
    /// <summary>nginx -t checks the whole candidate: there is no verified baseline, or something http-wide changed.</summary>
    Full,

    /// <summary>nginx -t checks <see cref="ValidationScope.Checked"/>: the http-wide settings and what changed.</summary>
    Changed,

    /// <summary>Every server{} and upstream{} of the candidate is in the baseline as it is: no nginx -t is needed.</summary>
    Covered,
}

/// <summary>
/// What of a candidate nginx -t must see, given the config nginx was last verified to serve (the baseline), so
/// that an edit at 10k Ingresses does not pay for a full parse before the reload parses everything again.
/// <para>
/// The argument (docs/architecture.md, "Validating what changed"): a config is the http-wide part (modules, http{}
/// settings, the stream block, the default certificate), the upstream{} blocks and the server{} blocks. When the
/// http-wide part is unchanged, every upstream{} and server{} that is in the baseline as it is was already accepted
/// in that same context. What is new (a server{} or upstream{} that differs in any way, or whose certificate file
/// changed) is checked together with the unchanged http-wide part, the catch-all server{} (it holds the default
/// certificate every listen ssl needs) and every upstream{} a new server{} names, so each new block is parsed in
/// the context it will be served in. Blocks do not otherwise depend on one another: names are unique by
/// construction (NginxNames), and a snippet, which could name anything, widens the check to every upstream{}.
/// What this cannot see (a server_names hash that only overflows with every name together) is left to the
/// verified reload, which stays the final judge: a reload nginx does not serve is rolled back, and the next try
/// runs a full nginx -t with attribution.
/// </para>
/// </summary>
/// <param name="Checked">What nginx -t runs on: the candidate itself when <see cref="Kind"/> is Full, the narrowed config when Changed, null when Covered.</param>
public sealed record ValidationScope(ValidationScopeKind Kind, NginxConfig? Checked)
{
    public static ValidationScope For(NginxConfig? baseline, NginxConfig candidate)
    {
        if (baseline is null
            || baseline.Http != candidate.Http
            || baseline.Modules != candidate.Modules
            || baseline.Stream != candidate.Stream
            || FileContent(baseline, candidate.Http.Tls.DefaultCertificateFile) != FileContent(candidate, candidate.Http.Tls.DefaultCertificateFile))
        {
            return new ValidationScope(ValidationScopeKind.Full, candidate);
        }

        var knownServers = baseline.Servers.Select(AsPrinted).ToHashSet();
        var knownUpstreams = baseline.Upstreams.Select(AsPrinted).ToHashSet();
        var knownFiles = baseline.Files.ToDictionary(file => file.RelativePath, file => file.Content, StringComparer.Ordinal);
        var changedFiles = candidate.Files
            .Where(file => knownFiles.GetValueOrDefault(file.RelativePath) != file.Content)
            .Select(file => file.RelativePath)
            .ToHashSet(StringComparer.Ordinal);
        var servers = candidate.Servers
            .Where(server => !knownServers.Contains(AsPrinted(server)) || (server.CertificateFile is { } certificate && changedFiles.Contains(certificate)))
            .ToList();
        var upstreams = candidate.Upstreams.Where(upstream => !knownUpstreams.Contains(AsPrinted(upstream))).ToHashSet();
        if (servers.Count == 0 && upstreams.Count == 0)
        {
            return new ValidationScope(ValidationScopeKind.Covered, null);
        }

        if (!servers.Any(server => server.IsDefault))
        {
            servers.Insert(0, candidate.Servers.First(server => server.IsDefault));
        }
        var named = servers.Any(HasSnippets)
            ? candidate.Upstreams.Select(upstream => upstream.Name).ToHashSet(StringComparer.Ordinal)
            : servers.SelectMany(UpstreamsNamedBy).ToHashSet(StringComparer.Ordinal);
        var checkedUpstreams = candidate.Upstreams.Where(upstream => named.Contains(upstream.Name) || upstreams.Contains(upstream));
        var certificates = servers.Select(server => server.CertificateFile).Append(candidate.Http.Tls.DefaultCertificateFile).ToHashSet(StringComparer.Ordinal);
        return new ValidationScope(ValidationScopeKind.Changed, candidate with
        {
            Servers = servers.ToEquatableArray(),
            Upstreams = checkedUpstreams.ToEquatableArray(),
            Files = candidate.Files.Where(file => certificates.Contains(file.RelativePath)).ToEquatableArray(),
        });
    }

    /// <summary>
    /// A block as nginx reads it: which Ingresses share a block only tells attribution whom to suspect, so an
    /// upstream{} that one more Ingress uses, or one fewer, is the block nginx accepted before.
    /// </summary>
    private static ServerConfig AsPrinted(ServerConfig server) => server with { Ingresses = EquatableArray<Core.Snapshot.ObjectKey>.Empty };

    private static UpstreamConfig AsPrinted(UpstreamConfig upstream) => upstream with { Ingresses = EquatableArray<Core.Snapshot.ObjectKey>.Empty };

    private static string? FileContent(NginxConfig config, string path) =>
        config.Files.FirstOrDefault(file => file.RelativePath == path)?.Content;

    private static bool HasSnippets(ServerConfig server) =>
        server.Snippets.Count > 0 || server.Locations.Any(location => location.Snippets.Count > 0);

    private static IEnumerable<string> UpstreamsNamedBy(ServerConfig server) =>
        server.Locations.SelectMany(location => location.Pass?.ErrorPages.Select(page => page.Upstream).Prepend(location.Upstream) ?? [location.Upstream])
            .Concat(server.ErrorLocations.Select(page => page.Upstream))
            .OfType<string>();
}
