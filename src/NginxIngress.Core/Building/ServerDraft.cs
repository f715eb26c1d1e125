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

    /// <summary>For the catch-all server: whether its root came from an Ingress without rules, which outranks one with rules.</summary>
    public bool RootFromRulelessIngress { get; set; }

    /// <summary>Adds the location unless an older Ingress already holds the same path; returns that owner if so.</summary>
    public ObjectKey? TryAdd(LocationModel location)
    {
        var key = (location.Path, location.Match);
        if (_locations.TryGetValue(key, out var existing))
        {
            return existing.Ingress;
        }
        _locations.Add(key, location);
        return null;
    }

    public ServerModel ToModel()
    {
        var locations = _locations.Values.ToList();
        if (!_locations.ContainsKey(("/", PathMatch.Prefix)))
        {
            locations.Add(new LocationModel
            {
                Path = "/",
                Match = PathMatch.Prefix,
                Backend = RootBackend,
                Ingress = RootIngress,
                IsDefaultRoot = true,
            });
        }
        return new ServerModel
        {
            Hostname = Hostname,
            UseRegex = UseRegex,
            Locations = LocationOrder.Sort(locations),
        };
    }
}
