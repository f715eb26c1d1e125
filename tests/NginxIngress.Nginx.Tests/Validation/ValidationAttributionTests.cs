using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Validation;

/// <summary>
/// When nginx -t rejects a line, only the Ingresses behind that line are excluded; the rest goes live.
/// </summary>
[TestFixture]
public sealed class ValidationAttributionTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Service
        metadata: {name: shared}
        spec:
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: shared-1
          labels: {kubernetes.io/service-name: shared}
        addressType: IPv4
        ports: [{name: http, port: 8080}]
        endpoints: [{addresses: ["127.0.0.40"]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: own}
        spec:
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: own-1
          labels: {kubernetes.io/service-name: own}
        addressType: IPv4
        ports: [{name: http, port: 8080}]
        endpoints: [{addresses: ["127.0.0.41"]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: alpha
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
          - host: alpha.example.com
            http:
              paths:
              - {path: /a, pathType: Prefix, backend: {service: {name: shared, port: {number: 80}}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: beta
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
          - host: beta.example.com
            http:
              paths:
              - {path: /b, pathType: Exact, backend: {service: {name: own, port: {number: 80}}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: gamma
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
          - host: gamma.example.com
            http:
              paths:
              - {path: /g, pathType: Exact, backend: {service: {name: shared, port: {number: 80}}}}
        """;

    private static readonly PipelineResult Rendered =
        ConfigPipeline.Run(Manifests.Load(Cluster).Snapshot, ControllerOptions.Default, NginxSettings.Default);

    private static readonly string[] Lines = Rendered.Rendered.Text.Split('\n');

    private static IReadOnlySet<ObjectKey> CulpritsOf(int line) => ValidationAttribution.Culprits(Rendered.Rendered.Text, line, Rendered.Config);

    private static int LineOf(string text) => Array.FindIndex(Lines, line => line.Contains(text, StringComparison.Ordinal)) + 1;

    [Test]
    public void Rejected_location_line_blames_the_ingress_of_that_location()
    {
        Assert.That(CulpritsOf(LineOf("location = \"/b\"")), Is.EquivalentTo(new[] { new ObjectKey("default", "beta") }));
    }

    [Test]
    public void Rejected_line_inside_a_location_blames_the_ingress_of_that_location()
    {
        var location = LineOf("location = \"/b\"");

        Assert.That(CulpritsOf(location + 5), Is.EquivalentTo(new[] { new ObjectKey("default", "beta") }));
    }

    [Test]
    public void Rejected_upstream_line_blames_every_ingress_that_proxies_to_it()
    {
        // For example an ExternalName that does not resolve: nginx names the upstream's server line.
        var server = LineOf("server \"127.0.0.40:8080\"");

        Assert.That(CulpritsOf(server), Is.EquivalentTo(new[] { new ObjectKey("default", "alpha"), new ObjectKey("default", "gamma") }));
    }

    [TestCase("worker_processes")]
    [TestCase("proxy_http_version")]
    [TestCase("server_name \"alpha.example.com\"")]
    public void Rejected_line_outside_locations_and_upstreams_blames_no_ingress(string text)
    {
        Assert.That(CulpritsOf(LineOf(text)), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1_000_000)]
    public void Line_outside_the_file_blames_no_ingress(int line)
    {
        Assert.That(CulpritsOf(line), Is.Empty);
    }
}
