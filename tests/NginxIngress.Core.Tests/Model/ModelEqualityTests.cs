using NginxIngress.Core.Building;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Model;

/// <summary>
/// The builder is deterministic: equal inputs give Equal models (value equality all the way down,
/// EquatableArray included), and any routing change an unequal one. The rendered bytes, whose hash decides
/// whether nginx is reloaded, are checked the same way in the Nginx tests' Determinism folder.
/// </summary>
public sealed class ModelEqualityTests
{
    private const string Yaml = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
          - name: http
            port: 80
            targetPort: web-port
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: web-1
          labels:
            kubernetes.io/service-name: web
        addressType: IPv4
        ports:
        - name: http
          port: 8080
        endpoints:
        - addresses: ["10.0.0.2", "10.0.0.1"]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
          annotations:
            nginx.ingress.kubernetes.io/rewrite-target: /$1
        spec:
          ingressClassName: nginx
          defaultBackend:
            service:
              name: web
              port:
                name: http
          rules:
          - host: app.example.com
            http:
              paths:
              - path: /api/(.*)
                pathType: ImplementationSpecific
                backend:
                  service:
                    name: web
                    port:
                      number: 80
          - host: "*.example.com"
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: missing
                    port:
                      number: 80
        """;

    [Test]
    public void Building_twice_from_the_same_snapshot_gives_equal_models()
    {
        var snapshot = Manifests.Load(Yaml).Snapshot;

        var first = IngressModelBuilder.Build(snapshot, ControllerOptions.Default);
        var second = IngressModelBuilder.Build(snapshot, ControllerOptions.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Model, Is.Not.SameAs(first.Model));
            Assert.That(second.Model, Is.EqualTo(first.Model));
            Assert.That(second.Model == first.Model, Is.True, "records compare by value, collections included");
            Assert.That(second.Model.GetHashCode(), Is.EqualTo(first.Model.GetHashCode()));
            Assert.That(second.Problems, Is.EqualTo(first.Problems));
        }
    }

    [Test]
    public void Loading_the_same_manifests_again_gives_an_equal_model()
    {
        // Fresh loaders read fresh objects, as a restart or a re-list would.
        var first = IngressModelBuilder.Build(Manifests.Load(Yaml).Snapshot, ControllerOptions.Default);
        var second = IngressModelBuilder.Build(Manifests.Load(Yaml).Snapshot, ControllerOptions.Default);

        Assert.That(second.Model == first.Model, Is.True);
    }

    private static IEnumerable<TestCaseData> Changes()
    {
        yield return Change("endpoint address", "\"10.0.0.2\", \"10.0.0.1\"", "\"10.0.0.3\", \"10.0.0.1\"");
        yield return Change("endpoint port", "  port: 8080", "  port: 8081");
        yield return Change("rewrite target", "rewrite-target: /$1", "rewrite-target: /v2/$1");
        yield return Change("path", "path: /api/(.*)", "path: /apis/(.*)");
        yield return Change("path type", "pathType: Prefix", "pathType: Exact");
        yield return Change("host", "host: app.example.com", "host: www.example.com");
        yield return Change("default backend port", "name: http\n  rules", "name: https\n  rules");
    }

    [TestCaseSource(nameof(Changes))]
    public void Any_routing_change_gives_an_unequal_model(string original, string changed)
    {
        Assert.That(Yaml, Does.Contain(original), "the change must apply to the fixture");
        var before = IngressModelBuilder.Build(Manifests.Load(Yaml).Snapshot, ControllerOptions.Default);

        var after = IngressModelBuilder.Build(Manifests.Load(Yaml.Replace(original, changed, StringComparison.Ordinal)).Snapshot, ControllerOptions.Default);

        Assert.That(after.Model == before.Model, Is.False);
    }

    [Test]
    public void Equatable_arrays_compare_by_content_not_by_reference()
    {
        EquatableArray<EndpointModel> first = new[] { new EndpointModel("10.0.0.1", 80) }.ToEquatableArray();
        EquatableArray<EndpointModel> same = new[] { new EndpointModel("10.0.0.1", 80) }.ToEquatableArray();
        EquatableArray<EndpointModel> reordered = new[] { new EndpointModel("10.0.0.2", 80), new EndpointModel("10.0.0.1", 80) }.ToEquatableArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(same == first, Is.True);
            Assert.That(same.GetHashCode(), Is.EqualTo(first.GetHashCode()));
            Assert.That(reordered == first, Is.False);
            Assert.That(default(EquatableArray<EndpointModel>) == EquatableArray<EndpointModel>.Empty, Is.True, "an unset array is an empty one");
        }
    }

    private static TestCaseData Change(string what, string original, string changed) =>
        new TestCaseData(original, changed).SetArgDisplayNames(what);
}
