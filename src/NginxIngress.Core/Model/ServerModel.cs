using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Model;

/// <summary>All the paths of one host, merged across every Ingress that names it.</summary>
public sealed record ServerModel
{
    /// <summary>The catch-all server's name: requests for unknown hosts and rules without a host land here.</summary>
    public const string CatchAllName = "_";

    /// <summary>A DNS name, a one-label wildcard such as <c>*.example.com</c>, or <see cref="CatchAllName"/>.</summary>
    public required string Hostname { get; init; }

    /// <summary>
    /// Host-wide regex promotion: some Ingress of this host sets use-regex or an active rewrite, so every
    /// path of the host is a case-insensitive prefix regex (ingress-nginx's enforceRegexModifier).
    /// </summary>
    public required bool UseRegex { get; init; }

    /// <summary>Sorted as ingress-nginx sorts them: longer paths first, then by path, Exact before Prefix.</summary>
    public required EquatableArray<LocationModel> Locations { get; init; }

    /// <summary>More names this server answers to (<c>server-alias</c>).</summary>
    public EquatableArray<string> Aliases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The host's <c>tls</c> entry; null when no Ingress has one for this host.</summary>
    public ServerTlsModel? Tls { get; init; }

    /// <summary>
    /// from-to-www-redirect: this server has no locations and redirects every request to this host; the Ingress that
    /// asked is <see cref="WwwRedirectIngress"/>.
    /// </summary>
    public string? WwwRedirectTo { get; init; }

    public Snapshot.ObjectKey? WwwRedirectIngress { get; init; }

    /// <summary>server-snippet of the oldest Ingress of this host that has one (only when the snippet gates are open).</summary>
    public string? Snippet { get; init; }

    public bool IsCatchAll => Hostname == CatchAllName;
}
