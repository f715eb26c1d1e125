using k8s.Models;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.TestKit;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.ManifestLoading;

/// <summary>
/// Ingresses of the removed v1beta1 APIs (the seed tutorial's extensions/v1beta1) are read as networking.k8s.io/v1,
/// converted as the API server converted them, with a warning.
/// </summary>
public sealed class LegacyIngressTests
{
    private static string Legacy(string apiVersion, string servicePort, string extra = "") => $"""
        apiVersion: {apiVersion}
        kind: Ingress
        metadata:
          name: legacy
        spec:{extra}
          rules:
          - host: legacy.example.com
            http:
              paths:
              - path: /app
                backend:
                  serviceName: app
                  servicePort: {servicePort}
        """;

    [TestCase("extensions/v1beta1")]
    [TestCase("networking.k8s.io/v1beta1")]
    public void Legacy_ingress_is_read_as_v1_with_a_warning(string apiVersion)
    {
        var result = Manifests.Load(Legacy(apiVersion, "80"), "legacy.yaml");

        var issue = result.Issues.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issue.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(issue.File, Is.EqualTo("legacy.yaml"));
            Assert.That(issue.Line, Is.EqualTo(1));
            Assert.That(issue.Message, Does.Contain(apiVersion));
            Assert.That(result.Snapshot.Ingresses[Cluster.Key("legacy")].ApiVersion, Is.EqualTo("networking.k8s.io/v1"));
        }
    }

    [TestCase("80", 80, null)]
    [TestCase("\"80\"", 80, null)]
    [TestCase("http", null, "http")]
    public void Legacy_service_port_becomes_a_port_number_or_name(string servicePort, int? number, string? name)
    {
        var result = Manifests.Load(Legacy("extensions/v1beta1", servicePort));

        var backend = result.Snapshot.Ingresses[Cluster.Key("legacy")].Spec.Rules[0].Http.Paths[0].Backend;
        Assert.That(backend.Service.Name, Is.EqualTo("app"));
        Assert.That(backend.Service.Port.Number, Is.EqualTo(number));
        Assert.That(backend.Service.Port.Name, Is.EqualTo(name));
    }

    [Test]
    public void Legacy_spec_backend_becomes_the_default_backend()
    {
        var extra = "\n  backend:\n    serviceName: fallback\n    servicePort: 8080";

        var result = Manifests.Load(Legacy("extensions/v1beta1", "80", extra));

        var spec = result.Snapshot.Ingresses[Cluster.Key("legacy")].Spec;
        Assert.That(spec.DefaultBackend.Service.Name, Is.EqualTo("fallback"));
        Assert.That(spec.DefaultBackend.Service.Port.Number, Is.EqualTo(8080));
    }

    [Test]
    public void Legacy_path_without_path_type_is_implementation_specific_and_a_given_one_is_kept()
    {
        var yaml = Legacy("extensions/v1beta1", "80") + """

                  - path: /exact
                    pathType: Exact
                    backend:
                      serviceName: app
                      servicePort: 80
            """;

        var result = Manifests.Load(yaml);

        var paths = result.Snapshot.Ingresses[Cluster.Key("legacy")].Spec.Rules[0].Http.Paths;
        Assert.That(paths.Select(p => p.PathType), Is.EqualTo(new[] { "ImplementationSpecific", "Exact" }));
    }

    [Test]
    public void Quickstart_tutorial_routes_to_its_three_replicas_with_only_the_legacy_warning()
    {
        var loaded = new ManifestSnapshotLoader().Load(RepoPaths.SeedTutorial);

        var result = IngressModelBuilder.Build(loaded.Snapshot, ControllerOptions.Default);

        Assert.That(loaded.Issues.Select(i => i.Severity), Is.EqualTo(new[] { ProblemSeverity.Warning }));
        Assert.That(result.Problems, Is.Empty);
        var server = result.Model.Server("alicek106.example.com");
        using (Assert.EnterMultipleScope())
        {
            // rewrite-target "/" differs from the path, so the rewrite is active and the host is regex-promoted.
            Assert.That(server.UseRegex, Is.True);
            Assert.That(server.Location("/echo-hostname").Rewrite, Is.EqualTo(new RewriteModel("/", null)));
            Assert.That(result.Model.Backend("hostname-service", "80").Endpoints, Is.EqualTo(new[]
            {
                new EndpointModel("127.0.0.2", 5000), new EndpointModel("127.0.0.3", 5000), new EndpointModel("127.0.0.4", 5000),
            }));
        }
    }

    [Test]
    public void Resource_backend_of_a_legacy_ingress_is_kept_as_a_resource()
    {
        var yaml = """
            apiVersion: networking.k8s.io/v1beta1
            kind: Ingress
            metadata:
              name: legacy
            spec:
              backend:
                resource:
                  apiGroup: storage.example.com
                  kind: Bucket
                  name: static
            """;

        var result = Manifests.Load(yaml);

        V1IngressBackend backend = result.Snapshot.Ingresses[Cluster.Key("legacy")].Spec.DefaultBackend;
        Assert.That(backend.Service, Is.Null);
        Assert.That(backend.Resource.Name, Is.EqualTo("static"));
    }
}
