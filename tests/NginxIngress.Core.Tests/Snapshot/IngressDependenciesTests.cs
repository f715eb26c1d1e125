using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Snapshot;

/// <summary>
/// An Ingress that nginx rejected is tried again when it or anything it names changes, and only then: its
/// fingerprint moves with its Service, EndpointSlices, Secrets and ConfigMaps, but not with bookkeeping that
/// leaves the config as it was (resourceVersion, managedFields, status).
/// </summary>
public sealed class IngressDependenciesTests
{
    private const string Yaml = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
          namespace: shop
          resourceVersion: "100"
          managedFields: [{manager: kubectl, operation: Apply}]
          annotations:
            nginx.ingress.kubernetes.io/custom-headers: shop/extra-headers
        spec:
          ingressClassName: nginx
          tls: [{hosts: [app.example.com], secretName: app-tls}]
          rules:
          - host: app.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        status:
          loadBalancer: {ingress: [{ip: 192.0.2.1}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, resourceVersion: "7"}
        spec:
          ports: [{port: 80, targetPort: 8080}]
        status: {}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: web-1
          namespace: shop
          labels: {kubernetes.io/service-name: web}
        addressType: IPv4
        ports: [{port: 8080}]
        endpoints: [{addresses: ["10.0.0.1"]}]
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: app-tls, namespace: shop}
        type: kubernetes.io/tls
        data: {tls.crt: Y2VydA==, tls.key: a2V5}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: extra-headers, namespace: shop}
        data: {X-Shop: "1"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: unrelated, namespace: shop}
        spec:
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: other}
        spec:
          ports: [{port: 80}]
        """;

    private static readonly ObjectKey App = new("shop", "app");

    private static string FingerprintOf(string yaml) => IngressDependencies.Fingerprint(Manifests.Load(yaml).Snapshot, App);

    private static IEnumerable<TestCaseData> Fixes()
    {
        yield return Change("its own path", "path: /, pathType", "path: /app, pathType");
        yield return Change("the Service's target port", "targetPort: 8080", "targetPort: 9090");
        yield return Change("an EndpointSlice address", "\"10.0.0.1\"", "\"10.0.0.2\"");
        yield return Change("the TLS Secret", "tls.key: a2V5", "tls.key: bmV3a2V5");
        yield return Change("a ConfigMap an annotation names", "X-Shop: \"1\"", "X-Shop: \"2\"");
        yield return Change("its IngressClass", "controller: k8s.io/ingress-nginx", "controller: example.com/other");
    }

    private static IEnumerable<TestCaseData> Bookkeeping()
    {
        yield return Change("the Ingress's resourceVersion", "resourceVersion: \"100\"", "resourceVersion: \"101\"");
        yield return Change("the Ingress's managedFields", "manager: kubectl", "manager: nginx-ingress");
        yield return Change("the Ingress's status", "ip: 192.0.2.1", "ip: 192.0.2.2");
        yield return Change("the Service's resourceVersion", "resourceVersion: \"7\"", "resourceVersion: \"8\"");
        yield return Change("the Service's status", "status: {}", "status: {loadBalancer: {}}");
        yield return Change("a Service nothing names", "name: unrelated, namespace: shop}\nspec:\n  ports: [{port: 80}]", "name: unrelated, namespace: shop}\nspec:\n  ports: [{port: 81}]");
        yield return Change("a Service of the same name in another namespace", "namespace: other}\nspec:\n  ports: [{port: 80}]", "namespace: other}\nspec:\n  ports: [{port: 81}]");
    }

    [TestCaseSource(nameof(Fixes))]
    public void A_change_to_the_ingress_or_what_it_names_gives_it_another_chance(string original, string changed)
    {
        Assert.That(Yaml, Does.Contain(original), "the change must apply to the fixture");

        Assert.That(FingerprintOf(Yaml.Replace(original, changed, StringComparison.Ordinal)), Is.Not.EqualTo(FingerprintOf(Yaml)));
    }

    [TestCaseSource(nameof(Bookkeeping))]
    public void A_change_the_config_cannot_see_does_not(string original, string changed)
    {
        Assert.That(Yaml, Does.Contain(original), "the change must apply to the fixture");

        Assert.That(FingerprintOf(Yaml.Replace(original, changed, StringComparison.Ordinal)), Is.EqualTo(FingerprintOf(Yaml)));
    }

    [Test]
    public void The_dependencies_are_the_objects_the_ingress_names()
    {
        var found = IngressDependencies.Of(Manifests.Load(Yaml).Snapshot, App).Select(entry => entry.Ref.ToString());

        Assert.That(found, Is.EquivalentTo(new[]
        {
            "Ingress shop/app", "IngressClass nginx", "Service shop/web", "EndpointSlice shop/web-1", "Secret shop/app-tls", "ConfigMap shop/extra-headers",
        }));
    }

    [Test]
    public void A_deleted_ingress_has_no_dependencies()
    {
        Assert.That(IngressDependencies.Of(Manifests.Load(Yaml).Snapshot, new ObjectKey("shop", "gone")), Is.Empty);
    }

    private static TestCaseData Change(string what, string original, string changed) =>
        new TestCaseData(original, changed).SetArgDisplayNames(what);
}
