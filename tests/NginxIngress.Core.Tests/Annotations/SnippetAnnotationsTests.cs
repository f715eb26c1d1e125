using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>
/// configuration-snippet and server-snippet behind ingress-nginx's two gates (reference §1.3), and the ConfigMap's own
/// snippets, which are not gated.
/// </summary>
public sealed class SnippetAnnotationsTests
{
    private const string Host = "shop.example.com";
    private const string Snippet = "more_set_headers \"X-Snippet: yes\";";
    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "nginx-configuration");

    [Test]
    public void With_snippets_disabled_a_snippet_is_ignored_with_a_warning_and_the_Ingress_is_served()
    {
        var result = Build([], new IngressBuilder("app").Path(Host, "/").Nginx("configuration-snippet", Snippet));

        Assert.That(result.Model.Server(Host).Location("/").Snippet, Is.Null);
        var warning = result.Problems.Single();
        Assert.That((warning.Severity, warning.Reason, warning.Field), Is.EqualTo((ProblemSeverity.Warning, "AnnotationIgnored",
            "metadata.annotations[nginx.ingress.kubernetes.io/configuration-snippet]")));
        Assert.That(warning.Message, Does.Contain("allow-snippet-annotations"));
    }

    [Test]
    public void Allowing_snippets_without_the_Critical_risk_level_refuses_the_Ingress()
    {
        var result = Build([("allow-snippet-annotations", "true")], new IngressBuilder("app").Path(Host, "/").Nginx("server-snippet", Snippet));

        var problem = result.Problems.Single();
        Assert.That((problem.Severity, problem.Reason), Is.EqualTo((ProblemSeverity.Error, "InvalidAnnotation")));
        Assert.That(problem.Message, Does.Contain("risk is Critical, above the ConfigMap's annotations-risk-level (High)"));
        Assert.That(result.Model.HasServer(Host), Is.False);
    }

    [Test]
    public void With_both_gates_open_the_snippets_reach_every_location_and_the_server_of_the_Ingress()
    {
        var result = Build(Open, new IngressBuilder("app").Path(Host, "/").Path(Host, "/api")
            .Nginx("configuration-snippet", Snippet).Nginx("server-snippet", "return 418;"));

        var server = result.Model.Server(Host);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(server.Snippet, Is.EqualTo("return 418;"));
        Assert.That(new[] { server.Location("/").Snippet, server.Location("/api").Snippet }, Has.All.EqualTo(Snippet));
    }

    [Test]
    public void The_oldest_Ingress_of_a_host_wins_its_server_snippet()
    {
        var result = Build(Open,
            new IngressBuilder("younger").CreatedAt(20).Path(Host, "/b").Nginx("server-snippet", "return 419;"),
            new IngressBuilder("older").CreatedAt(10).Path(Host, "/a").Nginx("server-snippet", "return 418;"));

        Assert.That(result.Model.Server(Host).Snippet, Is.EqualTo("return 418;"));
        var warning = result.Problems.Single();
        Assert.That((warning.Subject.ToString(), warning.Reason), Is.EqualTo(("Ingress default/younger", "Conflict")));
        Assert.That(result.Model.Server(Host).HasLocation("/b"), Is.True, "the younger Ingress's paths are still served");
    }

    [TestCase("} server { listen 81;")]
    [TestCase("more_set_headers \"X: 1\"")]
    [TestCase("location /x {")]
    [TestCase("return 200 \"unclosed;")]
    public void A_snippet_that_is_not_whole_directives_refuses_the_Ingress(string snippet)
    {
        var result = Build(Open, new IngressBuilder("app").Path(Host, "/").Nginx("configuration-snippet", snippet), new IngressBuilder("good").Path("good.example.com", "/"));

        var problem = result.Problems.Single();
        Assert.That((problem.Severity, problem.Field), Is.EqualTo((ProblemSeverity.Error, "metadata.annotations[nginx.ingress.kubernetes.io/configuration-snippet]")));
        Assert.That(result.Model.HasServer(Host), Is.False);
        Assert.That(result.Model.HasServer("good.example.com"), Is.True);
    }

    [Test]
    public void The_configmaps_snippets_are_not_gated_but_must_be_whole_directives()
    {
        var result = Build([("http-snippet", "map $http_x $y { default 0; }"), ("server-snippet", "return 200;"), ("location-snippet", "return 200 \"open")],
            new IngressBuilder("app").Path(Host, "/"));

        Assert.That(result.Model.Snippets, Is.EqualTo(new SnippetSettings("map $http_x $y { default 0; }", "return 200;", null)));
        var warning = result.Problems.Single();
        Assert.That((warning.Severity, warning.Field), Is.EqualTo((ProblemSeverity.Warning, "data[location-snippet]")));
    }

    private static readonly (string, string)[] Open = [("allow-snippet-annotations", "true"), ("annotations-risk-level", "Critical")];

    private static ModelBuildResult Build((string Key, string Value)[] configMap, params IngressBuilder[] ingresses)
    {
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = configMap.ToDictionary(entry => entry.Key, entry => entry.Value),
        };
        return Cluster.Build(ControllerOptions.Default with { ConfigMap = ConfigMapKey }, [Workload.Create(), map, .. ingresses.Select(ingress => (object)ingress)]);
    }
}
