using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Building;

/// <summary>A server while Ingresses are merged into it, oldest first. Only the builder uses it.</summary>
internal sealed class ServerDraft(string hostname, bool useRegex, BackendRef? rootBackend, ObjectKey? rootIngress)
{
    private readonly Dictionary<(string Path, PathMatch Match), LocationModel> _locations = [];

    public string Hostname { get; } = hostname;

    public bool UseRegex { get; } = useRegex;

    /// <summary>Where a request no path matches goes: the creating Ingress's spec.defaultBackend, else the 404 backend.</summary>
    public BackendRef? RootBackend { get; set; } = rootBackend;

    public ObjectKey? RootIngress { get; set; } = rootIngress;

    /// <summary>More names for this server (<c>server-alias</c>), in the order granted.</summary>
    public List<string> Aliases { get; } = [];

    /// <summary>from-to-www-redirect: the host this server redirects to, and the Ingress that asked.</summary>
    public (string To, ObjectKey Ingress)? WwwRedirect { get; set; }

    /// <summary>server-snippet, from the oldest Ingress of the host that has one.</summary>
    public string? Snippet { get; set; }

    /// <summary>The Ingress <see cref="Snippet"/> came from.</summary>
    public ObjectKey? SnippetIngress { get; set; }

    /// <summary>The host's <c>tls</c> entry, set by <see cref="TlsAssignment"/>.</summary>
    public ServerTlsModel? Tls { get; set; }

    /// <summary>The Ingress that already holds this path on this host, if any.</summary>
    public ObjectKey? Owner(string path, PathMatch match) =>
        _locations.TryGetValue((path, match), out var existing) ? existing.Ingress : null;

    /// <summary>Adds a location whose path <see cref="Owner"/> said is free.</summary>
    public void Add(LocationModel location) => _locations.Add((location.Path, location.Match), location);

    /// <param name="defaults">The ConfigMap's settings, for the root location no Ingress defined.</param>
    public ServerModel ToModel(Settings.ConfigMapSettings defaults)
    {
        var locations = _locations.Values.ToList();
        if (WwwRedirect is null && !_locations.ContainsKey(("/", PathMatch.Prefix)))
        {
            locations.Add(new LocationModel
            {
                Path = "/",
                Match = PathMatch.Prefix,
                Backend = RootBackend,
                Ingress = RootIngress,
                IsDefaultRoot = true,
                SslRedirect = defaults.Tls.SslRedirect,
                ForceSslRedirect = defaults.Tls.ForceSslRedirect,
                Proxy = defaults.Proxy,
                Access = defaults.Access,
            });
        }
        return new ServerModel
        {
            Hostname = Hostname,
            UseRegex = UseRegex,
            Locations = LocationOrder.Sort(locations),
            Tls = Tls,
            Aliases = Aliases.ToEquatableArray(),
            Snippet = Snippet,
            WwwRedirectTo = WwwRedirect?.To,
            WwwRedirectIngress = WwwRedirect?.Ingress,
        };
    }
}
