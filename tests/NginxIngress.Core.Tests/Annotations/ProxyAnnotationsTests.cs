using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>The proxy-* annotations: their values over the ConfigMap's, the ConfigMap's over ingress-nginx's defaults.</summary>
public sealed class ProxyAnnotationsTests
{
    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "nginx-configuration");

    [Test]
    public void Without_annotations_or_configmap_every_value_is_ingress_nginxs_default()
    {
        var model = Build([new IngressBuilder("web").Path("web.example.com", "/").Build()]);

        Assert.That(model.Proxy, Is.EqualTo(ProxyModel.Default));
        Assert.That(model.Server("web.example.com").Location("/").Proxy, Is.EqualTo(ProxyModel.Default));
        Assert.That((ProxyModel.Default.BodySize, ProxyModel.Default.ConnectTimeoutSeconds, ProxyModel.Default.ReadTimeoutSeconds, ProxyModel.Default.Buffering),
            Is.EqualTo(("1m", 5, 60, "off")));
    }

    [TestCase("proxy-body-size", "100m")]
    [TestCase("proxy-connect-timeout", "15")]
    [TestCase("proxy-send-timeout", "120")]
    [TestCase("proxy-read-timeout", "3600")]
    [TestCase("proxy-buffering", "on")]
    [TestCase("proxy-buffer-size", "16k")]
    [TestCase("proxy-buffers-number", "8")]
    [TestCase("proxy-request-buffering", "off")]
    [TestCase("client-body-buffer-size", "1m")]
    [TestCase("proxy-next-upstream", "error timeout http_502 non_idempotent")]
    [TestCase("proxy-next-upstream-tries", "5")]
    [TestCase("proxy-next-upstream-timeout", "30")]
    [TestCase("proxy-http-version", "1.0")]
    public void An_annotation_changes_its_value_on_the_Ingresses_locations_and_nowhere_else(string annotation, string value)
    {
        var annotated = new IngressBuilder("annotated").Path("a.example.com", "/").Nginx(annotation, value).Build();
        var plain = new IngressBuilder("plain").Path("b.example.com", "/").Build();

        var model = Build([annotated, plain]);

        Assert.That(model.Server("a.example.com").Location("/").Proxy, Is.Not.EqualTo(ProxyModel.Default));
        Assert.That(Describe(model.Server("a.example.com").Location("/").Proxy), Does.Contain(value.Split(' ')[^1]));
        Assert.That(model.Server("b.example.com").Location("/").Proxy, Is.EqualTo(ProxyModel.Default));
    }

    [Test]
    public void The_configmap_sets_the_defaults_and_an_annotation_still_wins()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = new Dictionary<string, string> { ["proxy-body-size"] = "8m", ["proxy-read-timeout"] = "120" },
        };
        var annotated = new IngressBuilder("annotated").Path("a.example.com", "/").Nginx("proxy-body-size", "100m").Build();
        var plain = new IngressBuilder("plain").Path("b.example.com", "/").Build();

        var model = Build([configMap, annotated, plain]);

        Assert.That((model.Proxy.BodySize, model.Proxy.ReadTimeoutSeconds), Is.EqualTo(("8m", 120)));
        Assert.That(model.Server("a.example.com").Location("/").Proxy.BodySize, Is.EqualTo("100m"));
        Assert.That(model.Server("a.example.com").Location("/").Proxy.ReadTimeoutSeconds, Is.EqualTo(120), "the ConfigMap's read timeout is the annotated Ingress's default too");
        Assert.That(model.Server("b.example.com").Location("/").Proxy.BodySize, Is.EqualTo("8m"));
    }

    [TestCase("proxy-body-size", "1 m")]
    [TestCase("proxy-read-timeout", "60s")]
    [TestCase("proxy-buffering", "true")]
    [TestCase("proxy-buffers-number", "0")]
    [TestCase("proxy-next-upstream", "error;timeout")]
    [TestCase("proxy-http-version", "2")]
    public void A_value_outside_the_grammar_skips_the_Ingress(string annotation, string value)
    {
        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([new IngressBuilder("web").Path("web.example.com", "/").Nginx(annotation, value).Build()]),
            ControllerOptions.Default with { ConfigMap = ConfigMapKey });

        Assert.That(result.Model.HasServer("web.example.com"), Is.False);
        Assert.That(result.Problems.Single(problem => problem.Reason == "InvalidAnnotation").Field, Does.EndWith($"/{annotation}]"));
    }

    private static string Describe(ProxyModel proxy) =>
        $"{proxy.BodySize} {proxy.ConnectTimeoutSeconds} {proxy.SendTimeoutSeconds} {proxy.ReadTimeoutSeconds} {proxy.Buffering} {proxy.BufferSize} {proxy.BuffersNumber} "
        + $"{proxy.RequestBuffering} {proxy.ClientBodyBufferSize} {string.Join(' ', proxy.NextUpstream)} {proxy.NextUpstreamTries} {proxy.NextUpstreamTimeoutSeconds} {proxy.HttpVersion}";

    private static IngressModel Build(IEnumerable<object> objects) =>
        IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass(objects), ControllerOptions.Default with { ConfigMap = ConfigMapKey }).Model;
}
