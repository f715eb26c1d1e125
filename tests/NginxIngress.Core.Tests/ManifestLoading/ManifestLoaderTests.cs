using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.ManifestLoading;

/// <summary>
/// The manifest source behaves like <c>kubectl apply -f DIR</c> on an empty cluster: default namespace, later
/// definition wins, kinds the controller does not read are skipped quietly, and a broken document is reported
/// with its file and line without losing the rest of the file.
/// </summary>
public sealed class ManifestLoaderTests
{
    private const string NginxClass = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n";

    private static string Service(string name, int port = 80, string? ns = null) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}{(ns is null ? "" : $"\n  namespace: {ns}")}
        spec:
          ports:
          - port: {port}
        """;

    private static string Ingress(string name) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
        spec:
          ingressClassName: nginx
          rules:
          - host: app.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
        """;

    [Test]
    public void Deployment_of_a_removed_api_version_is_skipped_silently()
    {
        var yaml = "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: app\n---\nkind: Namespace\napiVersion: v1\nmetadata:\n  name: team\n---\n" + Service("web");

        var result = Manifests.Load(yaml);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("web") }));
        Assert.That(result.Snapshot.Ingresses, Is.Empty);
    }

    // Each malformed document sits between two good ones; the line is where its parser gave up.
    // The document starts at line 9 of the file.
    [TestCase("apiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n", 12)]
    [TestCase("apiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n\n\n", 12)]
    [TestCase("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n   labels: {}\n", 13)]
    [TestCase("apiVersion: v1\nkind: Service\nmetadata: {name: \"unterminated}\n", 11)]
    [TestCase("apiVersion: v1\nkind: Service: Ingress\nmetadata: {}\n", 10)]
    public void Malformed_document_is_reported_at_its_line_and_the_rest_of_the_file_loads(string broken, int line)
    {
        var yaml = Service("first") + "\n---\n" + broken + "---\n" + Service("last");

        var result = Manifests.Load(yaml, "apps/web.yaml");

        var issue = result.Issues.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issue.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(issue.File, Is.EqualTo("apps/web.yaml"));
            Assert.That(issue.Line, Is.EqualTo(line), issue.Message);
            Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("first"), Cluster.Key("last") }));
        }
    }

    [Test]
    public void Document_that_is_not_a_mapping_is_reported_and_empty_documents_are_not()
    {
        var yaml = "---\n# only a comment\n---\n- a\n- b\n---\n" + Service("web");

        var result = Manifests.Load(yaml);

        var issue = result.Issues.Single();
        Assert.That(issue.Line, Is.EqualTo(4));
        Assert.That(issue.Message, Does.Contain("not a Kubernetes object"));
        Assert.That(result.Snapshot.Services, Has.Count.EqualTo(1));
    }

    [Test]
    public void Document_written_on_its_separator_line_is_loaded()
    {
        var yaml = Service("first") + "\n--- # the next one is flow style\n--- {apiVersion: v1, kind: Service, metadata: {name: flow}}\n";

        var result = Manifests.Load(yaml, "flow.yaml");

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("first"), Cluster.Key("flow") }));
        Assert.That(result.Origins[new Core.Snapshot.ObjectRef("Service", "default", "flow")], Is.EqualTo("flow.yaml:9"));
    }

    [Test]
    public void Line_numbers_count_from_the_start_of_the_file_across_documents()
    {
        var yaml = Service("a") + "\n---\n" + Service("a", 81);

        var result = Manifests.Load(yaml, "dup.yaml");

        Assert.That(result.Origins[new Core.Snapshot.ObjectRef("Service", "default", "a")], Is.EqualTo("dup.yaml:9"));
    }

    [Test]
    public void List_items_are_loaded_as_separate_objects()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata:
                name: web
              spec:
                ports:
                - port: 80
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: settings
                namespace: ingress-nginx
            """;

        var result = Manifests.Load(yaml);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("web") }));
        Assert.That(result.Snapshot.ConfigMaps.Keys, Is.EqualTo(new[] { Cluster.Key("settings", "ingress-nginx") }));
    }

    [Test]
    public void Object_without_namespace_lands_in_default_and_cluster_scoped_class_has_none()
    {
        var yaml = Service("web") + "\n---\n" + Service("api", ns: "shop") + "\n---\n"
            + NginxClass;

        var result = Manifests.Load(yaml);

        Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("web"), Cluster.Key("api", "shop") }));
        Assert.That(result.Snapshot.IngressClasses["nginx"].Metadata.NamespaceProperty, Is.Null);
    }

    [Test]
    public void Later_definition_of_the_same_object_wins_with_a_warning()
    {
        var result = Manifests.Load(("a.yaml", Service("web", 80)), ("b.yaml", "# replaced\n" + Service("web", 8080)));

        var issue = result.Issues.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issue.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That($"{issue.File}:{issue.Line}", Is.EqualTo("b.yaml:2"));
            Assert.That(issue.Message, Does.Contain("a.yaml:1"));
            Assert.That(result.Snapshot.Services[Cluster.Key("web")].Spec.Ports[0].Port, Is.EqualTo(8080));
        }
    }

    [TestCase("Web")]
    [TestCase("web_app")]
    [TestCase("-web")]
    [TestCase("\"*.web\"")]
    [TestCase("\"\"")]
    public void Object_with_an_invalid_name_is_rejected(string name)
    {
        var result = Manifests.Load(Service(name) + "\n---\n" + Service("ok"));

        var issue = result.Issues.Single();
        Assert.That(issue.Severity, Is.EqualTo(ProblemSeverity.Error));
        Assert.That(issue.Message, Does.Contain("metadata.name"));
        Assert.That(result.Snapshot.Services.Keys, Is.EqualTo(new[] { Cluster.Key("ok") }));
    }

    [TestCase("Shop")]
    [TestCase("shop.team")]
    public void Object_with_an_invalid_namespace_is_rejected(string ns)
    {
        var result = Manifests.Load(Service("web", ns: ns));

        Assert.That(result.Issues.Single().Message, Does.Contain("metadata.namespace"));
        Assert.That(result.Snapshot.Services, Is.Empty);
    }

    [TestCase("apiVersion: v2\nkind: Service\nmetadata:\n  name: web\n", "not supported")]
    [TestCase("apiVersion: v1\nmetadata:\n  name: web\n", "has no kind")]
    [TestCase("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: eighty\n", "does not match the Kubernetes schema")]
    public void Object_the_controller_cannot_read_is_reported(string yaml, string message)
    {
        var result = Manifests.Load(yaml);

        Assert.That(result.Issues.Single().Message, Does.Contain(message));
        Assert.That(result.Snapshot.Services, Is.Empty);
    }

    [Test]
    public void First_seen_ingress_is_the_oldest_and_wins_a_conflict()
    {
        var result = Manifests.Load(("0.yaml", NginxClass), ("1.yaml", Ingress("zeta")), ("2.yaml", Ingress("alpha")));

        var built = IngressModelBuilder.Build(result.Snapshot, ControllerOptions.Default);

        Assert.That(result.Snapshot.Ingresses[Cluster.Key("zeta")].Metadata.CreationTimestamp,
            Is.LessThan(result.Snapshot.Ingresses[Cluster.Key("alpha")].Metadata.CreationTimestamp!.Value));
        Assert.That(built.Model.Server("app.example.com").Location("/").Ingress, Is.EqualTo(Cluster.Key("zeta")));
        Assert.That(built.Problems.Where(p => p.Reason == "Conflict").Select(p => p.Subject.Name), Is.EqualTo(new[] { "alpha" }));
    }

    [Test]
    public void First_seen_order_survives_a_reload_that_reorders_the_files()
    {
        var loader = new ManifestSnapshotLoader();
        var first = Manifests.Load(loader, ("1.yaml", Ingress("zeta")), ("2.yaml", Ingress("alpha")));

        var reloaded = Manifests.Load(loader, ("1.yaml", Ingress("alpha")), ("2.yaml", Ingress("zeta")), ("3.yaml", Ingress("beta")));

        DateTime? Created(ManifestLoadResult result, string name) => result.Snapshot.Ingresses[Cluster.Key(name)].Metadata.CreationTimestamp;
        Assert.That(Created(reloaded, "zeta"), Is.EqualTo(Created(first, "zeta")));
        Assert.That(Created(reloaded, "alpha"), Is.EqualTo(Created(first, "alpha")));
        Assert.That(Created(reloaded, "beta"), Is.GreaterThan(Created(reloaded, "alpha")!.Value));
    }

    [Test]
    public void Explicit_creation_timestamp_is_kept()
    {
        var yaml = Ingress("dated").Replace("  name: dated", "  name: dated\n  creationTimestamp: \"2021-06-01T12:00:00Z\"", StringComparison.Ordinal);

        var result = Manifests.Load(yaml);

        Assert.That(result.Snapshot.Ingresses[Cluster.Key("dated")].Metadata.CreationTimestamp,
            Is.EqualTo(new DateTime(2021, 6, 1, 12, 0, 0, DateTimeKind.Utc)));
    }
}
