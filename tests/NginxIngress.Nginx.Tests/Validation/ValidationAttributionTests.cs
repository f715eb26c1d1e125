using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Validation;

/// <summary>
/// When nginx -t rejects a line, the source map the renderer recorded names the Ingresses behind it: the one
/// Ingress of a location, every Ingress sharing a server or an upstream, nobody for the controller's own lines.
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
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: delta
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
          - host: alpha.example.com
            http:
              paths:
              - {path: /d, pathType: Exact, backend: {service: {name: own, port: {number: 80}}}}
        """;

    private static readonly PipelineResult Rendered =
        ConfigPipeline.Run(Manifests.Load(Cluster).Snapshot, ControllerOptions.Default, NginxSettings.Default);

    private static readonly string[] Lines = Rendered.Rendered.Text.Split('\n');

    private static readonly ObjectKey Alpha = new("default", "alpha");
    private static readonly ObjectKey Beta = new("default", "beta");
    private static readonly ObjectKey Gamma = new("default", "gamma");
    private static readonly ObjectKey Delta = new("default", "delta");

    private static Suspects SuspectsOf(int? line) => ValidationAttribution.Trace(Rendered.Rendered.SourceMap, line);

    private static int LineOf(string text, int after = 0) =>
        Array.FindIndex(Lines, after, line => line.Contains(text, StringComparison.Ordinal)) + 1;

    [Test]
    public void Rejected_location_line_blames_the_ingress_of_that_location_alone()
    {
        var suspects = SuspectsOf(LineOf("location = \"/b\""));

        Assert.That(suspects.Ingresses, Is.EqualTo(new[] { Beta }));
        Assert.That(suspects.IsExact, Is.True);
        Assert.That(suspects.Block?.Kind, Is.EqualTo(ConfigBlockKind.Location));
    }

    [TestCase("set $service_name")]
    [TestCase("proxy_pass")]
    [TestCase("}")]
    public void Rejected_line_inside_a_location_blames_the_ingress_of_that_location(string text)
    {
        var line = LineOf(text, after: LineOf("location = \"/b\""));

        Assert.That(SuspectsOf(line).Ingresses, Is.EqualTo(new[] { Beta }));
    }

    [Test]
    public void Rejected_upstream_line_suspects_every_ingress_that_proxies_to_it()
    {
        // For example an ExternalName that does not resolve: nginx names the upstream's server line.
        var suspects = SuspectsOf(LineOf("server \"127.0.0.40:8080\""));

        Assert.That(suspects.Ingresses, Is.EquivalentTo(new[] { Alpha, Gamma }));
        Assert.That(suspects.IsExact, Is.False, "two Ingresses share the upstream: which one is at fault must be searched");
        Assert.That(suspects.Block?.Kind, Is.EqualTo(ConfigBlockKind.Upstream));
    }

    [Test]
    public void Rejected_server_line_suspects_every_ingress_of_that_host()
    {
        var suspects = SuspectsOf(LineOf("server_name \"alpha.example.com\""));

        Assert.That(suspects.Ingresses, Is.EquivalentTo(new[] { Alpha, Delta }));
        Assert.That(suspects.Block?.Kind, Is.EqualTo(ConfigBlockKind.Server));
    }

    [Test]
    public void Rejected_line_of_the_controllers_own_404_location_suspects_the_ingresses_of_its_server()
    {
        // beta.example.com has no "/" path, so the controller adds a location / that answers 404.
        var server = LineOf("server_name \"beta.example.com\"");
        var notFound = LineOf("return 404;", after: server);

        Assert.That(SuspectsOf(notFound).Ingresses, Is.EqualTo(new[] { Beta }));
    }

    [TestCase("worker_processes")]
    [TestCase("proxy_http_version")]
    [TestCase("config-version")]
    public void Rejected_line_of_the_controllers_own_blames_no_ingress(string text)
    {
        Assert.That(SuspectsOf(LineOf(text)), Is.EqualTo(Suspects.Unknown));
    }

    [TestCase(0)]
    [TestCase(1_000_000)]
    [TestCase(null)]
    public void Line_outside_the_file_or_no_line_blames_no_ingress(int? line)
    {
        Assert.That(SuspectsOf(line), Is.EqualTo(Suspects.Unknown));
    }
}
