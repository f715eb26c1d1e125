using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Where a request goes when no path matches (reference §4 Default backend, Unknown host): the host's
/// <c>/</c> location uses the creating Ingress's spec.defaultBackend, else the controller's 404; a rule-less
/// Ingress with a default backend serves unknown hosts.
/// </summary>
public sealed class DefaultBackendTests
{
    private const string Host = "app.example.com";

    [Test]
    public void Host_without_a_root_path_answers_404_for_unmatched_requests()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, "/api"));

        var root = result.Model.Server(Host).Location("/");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.IsDefaultRoot, Is.True);
            Assert.That(root.Backend, Is.Null, "a null backend is the controller's 404 default backend");
            Assert.That(root.Ingress, Is.Null);
        }
    }

    [Test]
    public void Host_root_uses_the_default_backend_of_the_ingress_that_created_the_host()
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("first-fallback", address: "10.0.0.2"), Workload.Create("second-fallback", address: "10.0.0.3"),
            new IngressBuilder("first").CreatedAt(1).DefaultBackend("first-fallback").Path(Host, "/a"),
            new IngressBuilder("second").CreatedAt(2).DefaultBackend("second-fallback").Path(Host, "/b").Path("second.example.com", "/b"));

        using (Assert.EnterMultipleScope())
        {
            var root = result.Model.Server(Host).Location("/");
            Assert.That(root.IsDefaultRoot, Is.True);
            Assert.That(root.Backend, Is.EqualTo(new BackendRef("default", "first-fallback", "80")));
            Assert.That(root.Ingress, Is.EqualTo(Cluster.Key("first")));
            Assert.That(result.Model.Server("second.example.com").Location("/").Backend?.ServiceName, Is.EqualTo("second-fallback"));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Root_path_of_an_ingress_replaces_the_default_root()
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("fallback", address: "10.0.0.2"),
            new IngressBuilder("first").CreatedAt(1).DefaultBackend("fallback").Path(Host, "/a"),
            new IngressBuilder("second").CreatedAt(2).Path(Host, "/"));

        var roots = result.Model.Server(Host).Locations.Where(l => l.Path == "/").ToList();
        Assert.That(roots, Has.Count.EqualTo(1));
        Assert.That(roots[0].IsDefaultRoot, Is.False);
        Assert.That(roots[0].Ingress, Is.EqualTo(Cluster.Key("second")));
    }

    [Test]
    public void Exact_root_path_still_leaves_a_default_root_for_deeper_paths()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, "/", "Exact"));

        Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[] { "Exact /", "Prefix /" }));
        Assert.That(result.Model.Server(Host).Location("/").IsDefaultRoot, Is.True);
    }

    [Test]
    public void Host_rule_without_paths_still_gets_a_server_whose_root_is_the_default_backend()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").DefaultBackend("web").Rule(Host));

        var root = result.Model.Server(Host).Location("/");
        Assert.That(root.IsDefaultRoot, Is.True);
        Assert.That(root.Backend, Is.EqualTo(new BackendRef("default", "web", "80")));
    }

    [Test]
    public void Catch_all_answers_404_when_no_ingress_gives_a_default_backend()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, "/"));

        var root = result.Model.Server("_").Location("/");
        Assert.That(root.IsDefaultRoot, Is.True);
        Assert.That(root.Backend, Is.Null);
    }

    [Test]
    public void Ruleless_ingress_with_a_default_backend_serves_unknown_hosts()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("catch-all").DefaultBackend("web"));

        var root = result.Model.Server("_").Location("/");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.Backend, Is.EqualTo(new BackendRef("default", "web", "80")));
            Assert.That(root.Ingress, Is.EqualTo(Cluster.Key("catch-all")));
            Assert.That(result.Model.Servers.Select(s => s.Hostname), Is.EqualTo(new[] { "_" }));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Oldest_ruleless_ingress_wins_the_catch_all_and_a_later_one_gets_a_warning()
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("late", address: "10.0.0.2"),
            new IngressBuilder("late").CreatedAt(2).DefaultBackend("late"),
            new IngressBuilder("early").CreatedAt(1).DefaultBackend("web"));

        Assert.That(result.Model.Server("_").Location("/").Ingress, Is.EqualTo(Cluster.Key("early")));
        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Subject.ToString(), Is.EqualTo("Ingress default/late"));
            Assert.That(problem.Field, Is.EqualTo("spec.defaultBackend"));
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(problem.Reason, Is.EqualTo("Conflict"));
            Assert.That(problem.Message, Does.Contain("default/early"));
        }
    }

    [Test]
    public void Ruleless_ingress_takes_the_catch_all_over_an_older_ingress_with_rules()
    {
        // ingress-nginx only lets a rule-less Ingress configure the catch-all server (controller.go createServers).
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("host-fallback", address: "10.0.0.2"),
            new IngressBuilder("with-rules").CreatedAt(1).DefaultBackend("host-fallback").Path(Host, "/a"),
            new IngressBuilder("catch-all").CreatedAt(2).DefaultBackend("web"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Model.Server("_").Location("/").Ingress, Is.EqualTo(Cluster.Key("catch-all")));
            Assert.That(result.Model.Server(Host).Location("/").Backend?.ServiceName, Is.EqualTo("host-fallback"));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Ingress_with_rules_does_not_lend_its_default_backend_to_unknown_hosts()
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("team").DefaultBackend("web").Path(Host, "/api"),
            new IngressBuilder("bad-hosts-only").DefaultBackend("web").Path("Not_A_Host", "/"));

        var root = result.Model.Server("_").Location("/");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.Backend, Is.Null, "unknown hosts still get the controller's 404");
            Assert.That(root.IsDefaultRoot, Is.True);
            Assert.That(result.Model.Server(Host).Location("/").Backend, Is.EqualTo(new BackendRef("default", "web", "80")));
            // Its only rule was rejected, but it still has rules: it does not become the catch-all either.
            Assert.That(result.Problems.Select(p => p.Reason), Is.EqualTo(new[] { "InvalidHost" }));
        }
    }

    [Test]
    public void Hostless_rules_add_paths_to_the_catch_all_without_taking_its_root()
    {
        var result = Cluster.Build(
            Workload.Create(), Workload.Create("paths", address: "10.0.0.2"),
            new IngressBuilder("catch-all").CreatedAt(1).DefaultBackend("web"),
            new IngressBuilder("hostless").CreatedAt(2).Path("", "/health", service: "paths"));

        var catchAll = result.Model.Server("_");
        Assert.That(catchAll.Location("/").Ingress, Is.EqualTo(Cluster.Key("catch-all")));
        Assert.That(catchAll.Location("/health").Ingress, Is.EqualTo(Cluster.Key("hostless")));
    }
}
