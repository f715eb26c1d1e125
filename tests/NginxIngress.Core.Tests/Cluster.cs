using NginxIngress.Core.Building;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests;

/// <summary>Runs the model stage on test objects, and finds servers, locations and problems in its result.</summary>
internal static class Cluster
{
    /// <summary>Builds with default flags from the objects plus the <c>nginx</c> IngressClass.</summary>
    public static ModelBuildResult Build(params IEnumerable<object> objects) => Build(ControllerOptions.Default, objects);

    public static ModelBuildResult Build(ControllerOptions options, params IEnumerable<object> objects) =>
        IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass(objects), options);

    public static ServerModel Server(this IngressModel model, string host)
    {
        var found = model.Servers.Where(server => server.Hostname == host).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"one server \"{host}\" among: {string.Join(", ", model.Servers.Select(s => s.Hostname))}");
        return found[0];
    }

    public static bool HasServer(this IngressModel model, string host) => model.Servers.Any(server => server.Hostname == host);

    public static LocationModel Location(this ServerModel server, string path, PathMatch match = PathMatch.Prefix)
    {
        var found = server.Locations.Where(location => location.Path == path && location.Match == match).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"one {match} location \"{path}\" on {server.Hostname} among: {string.Join(", ", server.Describe())}");
        return found[0];
    }

    public static bool HasLocation(this ServerModel server, string path, PathMatch match = PathMatch.Prefix) =>
        server.Locations.Any(location => location.Path == path && location.Match == match);

    /// <summary>The locations as "Match path" strings, in model order, for readable sequence assertions.</summary>
    public static IReadOnlyList<string> Describe(this ServerModel server) =>
        server.Locations.Select(location => $"{location.Match} {location.Path}").ToList();

    public static BackendModel Backend(this IngressModel model, string service, string port, string ns = "default") =>
        model.Backends.Single(backend => backend.Ref == new BackendRef(ns, service, port));

    public static ObjectKey Key(string name, string ns = "default") => new(ns, name);
}
