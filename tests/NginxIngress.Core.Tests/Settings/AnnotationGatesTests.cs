using k8s.Models;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Settings;

/// <summary>The ConfigMap's annotation gates (reference §1.3), and every bad annotation reported at once.</summary>
public sealed class AnnotationGatesTests
{
    private const string Host = "app.example.com";
    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "nginx-configuration");

    [Test]
    public void A_blocklisted_word_in_any_annotation_value_refuses_the_Ingress()
    {
        var result = Build([("annotation-value-word-blocklist", "load_module, _by_lua ,serviceaccount")],
            new IngressBuilder("bad").Path(Host, "/").Nginx("upstream-vhost", "x.example.com").Nginx("unknown-annotation", "content_by_lua_block"),
            new IngressBuilder("good").Path("good.example.com", "/").Annotation("other.example.com/note", "load_module"));

        var problem = result.Problems.Single();
        Assert.That((problem.Severity, problem.Subject.ToString(), problem.Field), Is.EqualTo((ProblemSeverity.Error, "Ingress default/bad",
            "metadata.annotations[nginx.ingress.kubernetes.io/unknown-annotation]")));
        Assert.That(problem.Message, Does.Contain("\"_by_lua\", a word of the ConfigMap's annotation-value-word-blocklist"));
        Assert.That(result.Model.HasServer(Host), Is.False);
        Assert.That(result.Model.HasServer("good.example.com"), Is.True, "annotations outside the prefix are not checked");
    }

    [Test]
    public void Without_a_blocklist_any_valid_value_passes()
    {
        var result = Build([], new IngressBuilder("app").Path(Host, "/").Nginx("unknown-annotation", "load_module"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.HasServer(Host), Is.True);
    }

    [Test]
    public void Every_bad_annotation_of_an_Ingress_is_reported_at_once()
    {
        var result = Build([], new IngressBuilder("bad").Path(Host, "/")
            .Nginx("rewrite-target", "/a b").Nginx("proxy-body-size", "big").Nginx("enable-cors", "yes").Nginx("allowlist-source-range", "10.0.0.0/33"));

        Assert.That(result.Problems.Select(problem => problem.Field), Is.EquivalentTo(new[]
        {
            "metadata.annotations[nginx.ingress.kubernetes.io/rewrite-target]",
            "metadata.annotations[nginx.ingress.kubernetes.io/proxy-body-size]",
            "metadata.annotations[nginx.ingress.kubernetes.io/enable-cors]",
            "metadata.annotations[nginx.ingress.kubernetes.io/allowlist-source-range]",
        }));
        Assert.That(result.Problems.Select(problem => problem.Severity), Has.All.EqualTo(ProblemSeverity.Error));
        Assert.That(result.Model.HasServer(Host), Is.False);
    }

    [TestCase("allow-snippet-annotations", "yes")]
    [TestCase("annotations-risk-level", "critical")]
    public void An_invalid_gate_keeps_its_safe_default_with_a_warning(string key, string value)
    {
        var result = Build([(key, value), ("allow-snippet-annotations", key == "allow-snippet-annotations" ? value : "true")],
            new IngressBuilder("app").Path(Host, "/").Nginx("configuration-snippet", "return 200;"));

        Assert.That(result.Problems.Any(problem => problem is { Severity: ProblemSeverity.Warning, Field: var field } && field == $"data[{key}]"), Is.True);
        Assert.That(result.Model.HasServer(Host) && result.Model.Server(Host).Location("/").Snippet is not null, Is.False, "the snippet is not used");
    }

    private static ModelBuildResult Build((string Key, string Value)[] configMap, params IngressBuilder[] ingresses)
    {
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = configMap.DistinctBy(entry => entry.Key).ToDictionary(entry => entry.Key, entry => entry.Value),
        };
        return Cluster.Build(ControllerOptions.Default with { ConfigMap = ConfigMapKey }, [Workload.Create(), map, .. ingresses.Select(ingress => (object)ingress)]);
    }
}
