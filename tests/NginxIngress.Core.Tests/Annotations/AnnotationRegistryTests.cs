using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>
/// The registries are the one list of what is read: the parsers enforce each spec's grammar, the ConfigMap reader
/// reads each key, the risk gate refuses what the ConfigMap does not allow, and docs/annotations.md is their print.
/// </summary>
public sealed class AnnotationRegistryTests
{
    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "nginx-configuration");
    private static readonly ControllerOptions Options = ControllerOptions.Default with { ConfigMap = ConfigMapKey };

    [Test]
    public void Docs_annotations_md_is_what_the_registries_print()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "annotations.md"));

        Assert.That(committed, Is.EqualTo(AnnotationDocs.Markdown()), "run `make docs` and commit docs/annotations.md");
    }

    private static IEnumerable<TestCaseData> Annotations() =>
        AnnotationRegistry.All.Select(spec => new TestCaseData(spec).SetArgDisplayNames(spec.Name));

    [TestCaseSource(nameof(Annotations))]
    public void Every_registered_annotation_is_enforced_with_its_grammar(AnnotationSpec spec)
    {
        // Both snippet gates open, so that the snippets are read (and checked) too.
        var gatesOpen = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = new Dictionary<string, string> { ["allow-snippet-annotations"] = "true", ["annotations-risk-level"] = "Critical" },
        };
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Nginx(spec.Name, "bad value; return 200").Build();

        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([gatesOpen, ingress]), Options);

        Assert.That(result.Model.HasServer("web.example.com"), Is.False, "an annotation that fails its grammar skips the Ingress");
        var problem = result.Problems.Single(found => found.Reason == "InvalidAnnotation");
        Assert.That(problem.Field, Is.EqualTo($"metadata.annotations[nginx.ingress.kubernetes.io/{spec.Name}]"));
        Assert.That(problem.Message, Does.Contain(spec.GrammarText));
    }

    /// <summary>Keys whose every value is valid: their text is compared, never written into nginx.conf.</summary>
    private static readonly string[] AnyTextKeys = ["annotation-value-word-blocklist"];

    private static IEnumerable<TestCaseData> ConfigMapKeys() =>
        ConfigMapKeyRegistry.All.Where(spec => !AnyTextKeys.Contains(spec.Key)).Select(spec => new TestCaseData(spec).SetArgDisplayNames(spec.Key));

    [Test]
    public void Only_the_word_blocklist_takes_any_text_and_it_never_reaches_nginx_conf()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = new Dictionary<string, string> { ["annotation-value-word-blocklist"] = "bad value; return 200,{,}" },
        };

        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([configMap]), Options);

        Assert.That(AnyTextKeys, Is.EqualTo(new[] { ConfigMapKeyRegistry.AnnotationValueWordBlocklist.Key }));
        Assert.That(result.Problems, Is.Empty);
    }

    [TestCaseSource(nameof(ConfigMapKeys))]
    public void Every_registered_configmap_key_is_read_and_a_bad_value_named(ConfigMapKeySpec spec)
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = new Dictionary<string, string> { [spec.Key] = "bad value; return 200" },
        };

        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([configMap]), Options);

        var problem = result.Problems.Single();
        Assert.That((problem.Subject, problem.Field, problem.Severity), Is.EqualTo((ObjectRef.ConfigMap(ConfigMapKey), $"data[{spec.Key}]", ProblemSeverity.Warning)));
        Assert.That(problem.Message, Does.Contain(spec.GrammarText));
    }

    [Test]
    public void An_annotation_above_the_configured_risk_level_is_refused_and_its_Ingress_not_served()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = new Dictionary<string, string> { ["annotations-risk-level"] = "Low" },
        };
        var rewriting = new IngressBuilder("rewriting").Path("a.example.com", "/app").Nginx("rewrite-target", "/").Build();
        var lowRisk = new IngressBuilder("low").Path("b.example.com", "/").Nginx("use-regex", "true").Build();

        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([configMap, rewriting, lowRisk]), Options);

        Assert.That(result.Model.HasServer("a.example.com"), Is.False);
        Assert.That(result.Model.HasServer("b.example.com"), Is.True, "use-regex is Low risk");
        Assert.That(result.Problems.Single(problem => problem.Reason == "InvalidAnnotation").Message,
            Does.Contain("its risk is Medium, above the ConfigMap's annotations-risk-level (Low)"));
    }

    [Test]
    public void Without_a_configmap_every_annotation_but_the_Critical_snippets_is_read()
    {
        Assert.That(AnnotationGates.Default.RiskLevel, Is.EqualTo(AnnotationRisk.High));
        Assert.That(AnnotationGates.Default.AllowSnippetAnnotations, Is.False);
        Assert.That(AnnotationRegistry.All.Where(spec => spec.Risk > AnnotationRisk.High), Is.EquivalentTo(SnippetAnnotationSpecs.All));
    }
}
