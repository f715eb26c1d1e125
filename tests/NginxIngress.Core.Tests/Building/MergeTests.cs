using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Several Ingresses share a host; for a duplicate host+path the oldest wins (reference §4 Conflicts:
/// creationTimestamp, then namespace/name), and the result never depends on arrival order.
/// </summary>
public sealed class MergeTests
{
    private const string Host = "shop.example.com";

    [Test]
    public void Ingresses_for_the_same_host_merge_into_one_server()
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("cart", address: "10.0.0.2"),
            new IngressBuilder("catalog").CreatedAt(1).Path(Host, "/catalog"),
            new IngressBuilder("cart", "sales").CreatedAt(2).Path(Host, "/cart", service: "cart"));

        var server = result.Model.Server(Host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Describe(), Is.EqualTo(new[] { "Prefix /catalog", "Prefix /cart", "Prefix /" }));
            Assert.That(server.Location("/catalog").Ingress, Is.EqualTo(Cluster.Key("catalog")));
            Assert.That(server.Location("/cart").Ingress, Is.EqualTo(Cluster.Key("cart", "sales")));
            Assert.That(server.Location("/cart").Backend, Is.EqualTo(new BackendRef("sales", "cart", "80")), "a backend lives in its Ingress's namespace");
        }
    }

    [TestCase("/api", "Prefix", "/api", "Prefix", true)]
    [TestCase("/api", "Prefix", "/api", "ImplementationSpecific", true)]
    [TestCase("/api", "Prefix", "/api/", "Prefix", true)]
    [TestCase("/api", "Exact", "/api", "Exact", true)]
    [TestCase("/api", "Prefix", "/api", "Exact", false)]
    [TestCase("/api", "Prefix", "/apis", "Prefix", false)]
    public void Same_host_path_and_type_from_a_newer_ingress_is_rejected(string olderPath, string olderType, string newerPath, string newerType, bool conflict)
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("next", address: "10.0.0.2"),
            new IngressBuilder("older").CreatedAt(1).Path(Host, olderPath, olderType),
            new IngressBuilder("newer").CreatedAt(2).Path(Host, "/unrelated").Path(Host, newerPath, newerType, service: "next"));

        var owners = result.Model.Server(Host).Locations.Select(l => l.Ingress?.Name).ToList();
        if (!conflict)
        {
            Assert.That(result.Problems, Is.Empty);
            Assert.That(owners.Count(owner => owner == "newer"), Is.EqualTo(2));
            return;
        }
        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Subject.ToString(), Is.EqualTo("Ingress default/newer"));
            Assert.That(problem.Field, Is.EqualTo("spec.rules[0].http.paths[1].path"));
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(problem.Reason, Is.EqualTo("Conflict"));
            Assert.That(problem.Message, Does.Contain("default/older"));
            Assert.That(owners.Count(owner => owner == "newer"), Is.EqualTo(1), "only the conflicting path is dropped");
            Assert.That(owners, Does.Contain("older"));
        }
    }

    [Test]
    public void Older_creation_timestamp_wins_whatever_the_names()
    {
        var result = Cluster.Build(Workload.Create(ns: "aaa"), Workload.Create(ns: "zzz"),
            new IngressBuilder("aaa-new", "aaa").CreatedAt(20).Path(Host, "/"),
            new IngressBuilder("zzz-old", "zzz").CreatedAt(10).Path(Host, "/"));

        Assert.That(result.Model.Server(Host).Location("/").Ingress, Is.EqualTo(Cluster.Key("zzz-old", "zzz")));
        Assert.That(result.Problems.Single().Subject.Key, Is.EqualTo(Cluster.Key("aaa-new", "aaa")));
    }

    [TestCase("team-a", "zeta", "team-b", "alpha", "team-a/zeta")]
    [TestCase("team-a", "beta", "team-a", "alpha", "team-a/alpha")]
    public void Equal_creation_timestamps_fall_back_to_namespace_then_name(string ns1, string name1, string ns2, string name2, string winner)
    {
        var result = Cluster.Build(
            Workload.Create(ns: ns1), Workload.Create(ns: ns2),
            new IngressBuilder(name1, ns1).CreatedAt(5).Path(Host, "/"),
            new IngressBuilder(name2, ns2).CreatedAt(5).Path(Host, "/"));

        Assert.That(result.Model.Server(Host).Location("/").Ingress?.ToString(), Is.EqualTo(winner));
    }

    [Test]
    public void Ingress_without_creation_timestamp_counts_as_oldest()
    {
        // Hand-written objects may have no timestamp; they sort first so a render stays deterministic.
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("timestamped").CreatedAt(0).Path(Host, "/"),
            new IngressBuilder("untimed").Path(Host, "/"));

        Assert.That(result.Model.Server(Host).Location("/").Ingress, Is.EqualTo(Cluster.Key("untimed")));
    }

    [Test]
    public void Result_does_not_depend_on_the_order_objects_arrive_in()
    {
        object[] objects =
        [
            IngressClasses.Nginx(),
            Workload.Create(), Workload.Create("api", address: "10.0.0.2"),
            new IngressBuilder("b").CreatedAt(3).Path(Host, "/").Path(Host, "/api", service: "api").Build(),
            new IngressBuilder("a").CreatedAt(3).Path(Host, "/").Path("other.example.com", "/").Build(),
            new IngressBuilder("c", "other").CreatedAt(1).Path(Host, "/api").Build(),
            new IngressBuilder("d").CreatedAt(2).Nginx("use-regex", "true").Path("regex.example.com", "/x.*").Build(),
            new IngressBuilder("e").CreatedAt(4).DefaultBackend("web").Build(),
            new IngressBuilder("f").CreatedAt(4).DefaultBackend("api").Build(),
        ];
        var expected = IngressModelBuilder.Build(SnapshotBuilder.From(objects), ControllerOptions.Default);
        Assert.That(expected.Problems.Count(p => p.Reason == "Conflict"), Is.EqualTo(3), "the fixture must contain conflicts for the order to matter");

        var random = new Random(20240101);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = objects.ToArray();
            random.Shuffle(shuffled);
            var actual = IngressModelBuilder.Build(SnapshotBuilder.From(shuffled), ControllerOptions.Default);

            Assert.That(actual.Model, Is.EqualTo(expected.Model), $"round {round}");
            Assert.That(actual.Problems, Is.EqualTo(expected.Problems), $"round {round}");
        }
    }

    [Test]
    public void Excluded_ingress_is_left_out_and_the_next_oldest_takes_its_paths()
    {
        var snapshot = SnapshotBuilder.WithNginxClass(Workload.Create(),
            new IngressBuilder("broken").CreatedAt(1).Path(Host, "/"),
            new IngressBuilder("fallback").CreatedAt(2).Path(Host, "/"));

        var result = IngressModelBuilder.Build(snapshot, ControllerOptions.Default, new HashSet<ObjectKey> { Cluster.Key("broken") });

        Assert.That(result.Model.Server(Host).Location("/").Ingress, Is.EqualTo(Cluster.Key("fallback")));
        Assert.That(result.Problems, Is.Empty);
    }
}
