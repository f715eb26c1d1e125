using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// ingress-nginx's host-wide regex promotion (reference §2.2 rules 1–3, §5.4 #2–3): use-regex or an active
/// rewrite on any Ingress of a host turns every path of that host, from every Ingress, into a regex.
/// </summary>
public sealed class RegexPromotionTests
{
    private const string Host = "app.example.com";

    [Test]
    public void Use_regex_on_one_ingress_turns_every_path_of_the_host_into_a_regex()
    {
        var result = Cluster.Build(
            Workload.Create(),
            new IngressBuilder("plain").CreatedAt(1).Path(Host, "/HEAD", "Exact").Path(Host, "/docs/"),
            new IngressBuilder("regex").CreatedAt(2).Nginx("use-regex", "true").Path(Host, "/u[a-z]+", "ImplementationSpecific"));

        var server = result.Model.Server(Host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.UseRegex, Is.True);
            // The older Ingress never asked for regex, yet its Exact path is now matched as a regex too.
            Assert.That(server.Location("/HEAD", PathMatch.Exact).Ingress, Is.EqualTo(Cluster.Key("plain")));
            Assert.That(server.HasLocation("/docs/"), Is.True, "a regex path is kept as written, trailing slash included");
            Assert.That(server.Location("/u[a-z]+").Ingress, Is.EqualTo(Cluster.Key("regex")));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Use_regex_does_not_promote_other_hosts()
    {
        var result = Cluster.Build(
            Workload.Create(),
            new IngressBuilder("plain").CreatedAt(1).Path(Host, "/a").Path("other.example.com", "/b"),
            new IngressBuilder("regex").CreatedAt(2).Nginx("use-regex", "true").Path(Host, "/c.*", "ImplementationSpecific"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Model.Server(Host).UseRegex, Is.True);
            Assert.That(result.Model.Server("other.example.com").UseRegex, Is.False);
            Assert.That(result.Model.Server("_").UseRegex, Is.False);
        }
    }

    [Test]
    public void Use_regex_false_leaves_the_host_plain()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Nginx("use-regex", "false").Path(Host, "/a"));

        Assert.That(result.Model.Server(Host).UseRegex, Is.False);
    }

    [Test]
    public void Use_regex_on_a_rule_without_host_promotes_the_catch_all_server()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Nginx("use-regex", "true").Path("", "/v[0-9]+/", "ImplementationSpecific"));

        var catchAll = result.Model.Server("_");
        Assert.That(catchAll.UseRegex, Is.True);
        Assert.That(catchAll.HasLocation("/v[0-9]+/"), Is.True);
    }

    private static IEnumerable<TestCaseData> RewriteCases()
    {
        yield return new TestCaseData("/$2", "/something(/|$)(.*)", true, "/$2").SetArgDisplayNames("capture rewrite promotes and rewrites");
        yield return new TestCaseData("/", "/echo-hostname", true, "/").SetArgDisplayNames("rewrite to root promotes and rewrites");
        yield return new TestCaseData("/", "/", false, null).SetArgDisplayNames("target equal to the path is no rewrite");
        yield return new TestCaseData("", "/app", false, null).SetArgDisplayNames("empty target is no rewrite");
    }

    [TestCaseSource(nameof(RewriteCases))]
    public void Rewrite_target_promotes_the_host_only_when_it_changes_the_path(string target, string path, bool promoted, string? rewrite)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Nginx("rewrite-target", target).Path(Host, path, "ImplementationSpecific"));

        var server = result.Model.Server(Host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.UseRegex, Is.EqualTo(promoted));
            Assert.That(server.Location(path).Rewrite?.Target, Is.EqualTo(rewrite));
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Rewrite_target_equal_to_its_only_path_neither_promotes_nor_rewrites()
    {
        // An older Ingress owns "/" so that no controller-made root location is involved.
        var result = Cluster.Build(
            Workload.Create(),
            new IngressBuilder("root").CreatedAt(1).Path(Host, "/"),
            new IngressBuilder("api").CreatedAt(2).Nginx("rewrite-target", "/api").Path(Host, "/api"));

        var server = result.Model.Server(Host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.UseRegex, Is.False);
            Assert.That(server.Location("/api").Rewrite, Is.Null);
        }
    }

    [Test]
    public void Active_rewrite_on_one_ingress_promotes_paths_of_another_without_rewriting_them()
    {
        var result = Cluster.Build(
            Workload.Create(),
            new IngressBuilder("plain").CreatedAt(1).Path(Host, "/static", "Exact"),
            new IngressBuilder("rewrite").CreatedAt(2).Nginx("rewrite-target", "/$1").Path(Host, "/api/(.*)", "ImplementationSpecific"));

        var server = result.Model.Server(Host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.UseRegex, Is.True);
            Assert.That(server.Location("/static", PathMatch.Exact).Rewrite, Is.Null, "a rewrite belongs to the Ingress that asked for it");
            Assert.That(server.Location("/api/(.*)").Rewrite, Is.EqualTo(new RewriteModel("/$1", null)));
        }
    }

    [Test]
    public void X_forwarded_prefix_travels_only_with_an_active_rewrite()
    {
        var result = Cluster.Build(
            Workload.Create(),
            new IngressBuilder("rewrite").Nginx("rewrite-target", "/$1").Nginx("x-forwarded-prefix", "/api")
                .Path(Host, "/api/(.*)", "ImplementationSpecific"),
            new IngressBuilder("plain").Nginx("x-forwarded-prefix", "/other").Path("other.example.com", "/other"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Model.Server(Host).Location("/api/(.*)").Rewrite, Is.EqualTo(new RewriteModel("/$1", "/api")));
            Assert.That(result.Model.Server("other.example.com").Location("/other").Rewrite, Is.Null);
        }
    }
}
