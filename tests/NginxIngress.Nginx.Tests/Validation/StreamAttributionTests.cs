using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Validation;

/// <summary>
/// A TCP service's lines of nginx.conf are a block of the source map of their own, named after the ConfigMap entry:
/// no Ingress is behind them, so a rejected one blames none, and the Ingresses' blocks keep their own lines.
/// </summary>
[TestFixture]
public sealed class StreamAttributionTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tcp-services, namespace: ingress-nginx}
        data: {"5432": "db/postgres:5432"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgres, namespace: db}
        spec:
          ports: [{name: pg, port: 5432}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: postgres-1
          namespace: db
          labels: {kubernetes.io/service-name: postgres}
        addressType: IPv4
        ports: [{name: pg, port: 5432}]
        endpoints: [{addresses: ["127.0.0.42"]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: web-1
          labels: {kubernetes.io/service-name: web}
        addressType: IPv4
        ports: [{name: http, port: 8080}]
        endpoints: [{addresses: ["127.0.0.43"]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
          - host: web.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """;

    private static readonly PipelineResult Rendered = ConfigPipeline.Run(Manifests.Load(Cluster).Snapshot,
        ControllerOptions.Default with { TcpServicesConfigMap = new ObjectKey("ingress-nginx", "tcp-services") }, NginxSettings.Default);

    private static readonly string[] Lines = Rendered.Rendered.Text.Split('\n');

    private static int LineOf(string text) => Array.FindIndex(Lines, line => line.Contains(text, StringComparison.Ordinal)) + 1;

    [TestCase("upstream \"tcp-5432\"")]
    [TestCase("server \"127.0.0.42:5432\"")]
    [TestCase("listen \"5432\"")]
    [TestCase("proxy_pass \"tcp-5432\"")]
    public void A_rejected_line_of_a_tcp_service_blames_no_ingress_but_lies_in_its_stream_block(string text)
    {
        var line = LineOf(text);

        Assert.That(line, Is.GreaterThan(0), Rendered.Rendered.Text);
        Assert.That(ValidationAttribution.Trace(Rendered.Rendered.SourceMap, line).Ingresses, Is.Empty);
        Assert.That(Rendered.Rendered.SourceMap.BlocksAt(line).Select(block => (block.Kind, block.Name)), Is.EqualTo(new[]
        {
            (ConfigBlockKind.Stream, "tcp 5432 (ingress-nginx/tcp-services → db/postgres:5432)"),
        }));
    }

    [Test]
    public void The_ingress_blocks_keep_their_lines_beside_a_stream_block()
    {
        Assert.That(ValidationAttribution.Trace(Rendered.Rendered.SourceMap, LineOf("server_name \"web.example.com\"")).Ingresses,
            Is.EqualTo(new[] { new ObjectKey("default", "web") }));
        Assert.That(Rendered.Rendered.Text, Does.StartWith("# nginx.conf written by NginxIngress. The controller rewrites this file on every change.\nload_module \"/usr/lib/nginx/modules/ngx_stream_module.so\";\n"));
    }
}
