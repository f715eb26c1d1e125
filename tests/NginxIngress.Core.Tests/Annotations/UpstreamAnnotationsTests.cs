using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>Backend selection: backend-protocol, service-upstream, load-balance, upstream-hash-by, default-backend and custom-http-errors.</summary>
public sealed class UpstreamAnnotationsTests
{
    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "nginx-configuration");

    [Test]
    public void Without_annotations_every_value_is_ingress_nginxs_default()
    {
        var parsed = Parse();

        Assert.That(parsed, Is.EqualTo(UpstreamAnnotations.None));
        Assert.That((parsed.Protocol, parsed.Upstream.Algorithm, parsed.Upstream.HashBy, parsed.Upstream.ServiceUpstream, parsed.DefaultBackend, parsed.CustomHttpErrors.Count),
            Is.EqualTo((BackendProtocol.Http, LoadBalance.RoundRobin, (string?)null, false, (string?)null, 0)));
    }

    [TestCase("HTTP", BackendProtocol.Http)]
    [TestCase("HTTPS", BackendProtocol.Https)]
    [TestCase("GRPC", BackendProtocol.Grpc)]
    [TestCase("GRPCS", BackendProtocol.Grpcs)]
    [TestCase("grpcs", BackendProtocol.Grpcs)]
    [TestCase("Https", BackendProtocol.Https)]
    public void Backend_protocol_is_read_in_any_case(string value, BackendProtocol expected)
    {
        Assert.That(Parse(("backend-protocol", value)).Protocol, Is.EqualTo(expected));
    }

    [TestCase("round_robin", LoadBalance.RoundRobin)]
    [TestCase("ewma", LoadBalance.Ewma)]
    public void Load_balance_names_an_algorithm(string value, LoadBalance expected)
    {
        Assert.That(Parse(("load-balance", value)).Upstream.Algorithm, Is.EqualTo(expected));
    }

    [TestCase("$request_uri")]
    [TestCase("$binary_remote_addr$http_x_user")]
    [TestCase("$host-$cookie_session")]
    [TestCase("tenant_$http_x_tenant")]
    public void Upstream_hash_by_takes_variables_and_plain_text(string value)
    {
        Assert.That(Parse(("upstream-hash-by", value)).Upstream.HashBy, Is.EqualTo(value));
    }

    [TestCase("503", new[] { 503 })]
    [TestCase("503,404", new[] { 404, 503 })]
    [TestCase(" 500 , 502,502", new[] { 500, 502 })]
    [TestCase("599,300", new[] { 300, 599 })]
    public void Custom_http_errors_are_sorted_codes(string value, int[] expected)
    {
        Assert.That(Parse(("custom-http-errors", value)).CustomHttpErrors, Is.EqualTo(expected));
    }

    [Test]
    public void Service_upstream_and_default_backend_are_read()
    {
        var parsed = Parse(("service-upstream", "true"), ("default-backend", "errors-svc"));

        Assert.That((parsed.Upstream.ServiceUpstream, parsed.DefaultBackend), Is.EqualTo((true, "errors-svc")));
    }

    [TestCase("backend-protocol", "FCGI")]
    [TestCase("backend-protocol", "AUTO_HTTP")]
    [TestCase("backend-protocol", "HTTP2")]
    [TestCase("backend-protocol", " HTTPS")]
    [TestCase("load-balance", "least_conn")]
    [TestCase("load-balance", "EWMA")]
    [TestCase("upstream-hash-by", "${request_uri}")]
    [TestCase("upstream-hash-by", "$1")]
    [TestCase("upstream-hash-by", "$request_uri consistent")]
    [TestCase("upstream-hash-by", "$uri;")]
    [TestCase("upstream-hash-by", "\"$uri\"")]
    [TestCase("upstream-hash-by", "")]
    [TestCase("service-upstream", "yes")]
    [TestCase("default-backend", "other/errors")]
    [TestCase("default-backend", "Errors")]
    [TestCase("default-backend", "errors.default.svc")]
    [TestCase("custom-http-errors", "200")]
    [TestCase("custom-http-errors", "600")]
    [TestCase("custom-http-errors", "503;")]
    [TestCase("custom-http-errors", "503,,404")]
    [TestCase("custom-http-errors", "")]
    public void A_value_outside_the_grammar_is_refused_naming_the_annotation(string annotation, string value)
    {
        var reader = Reader((annotation, value));
        try
        {
            UpstreamAnnotations.Parse(reader, UpstreamAnnotations.None);
        }
        catch (AnnotationException thrown)
        {
            reader.Refuse(thrown);
        }

        Assert.That(reader.Errors.Single().Field, Does.EndWith($"/{annotation}]"));
    }

    [Test]
    public void The_configmap_sets_load_balance_and_custom_http_errors_and_an_annotation_still_wins()
    {
        var configMap = ConfigMap(("load-balance", "ewma"), ("custom-http-errors", "502,503"));
        var annotated = new IngressBuilder("annotated").Path("a.example.com", "/", service: "a").Nginx("load-balance", "round_robin").Nginx("custom-http-errors", "404").Build();
        var plain = new IngressBuilder("plain").Path("b.example.com", "/", service: "b").Build();

        var model = Build([configMap, annotated, plain]).Model;

        Assert.That(model.Backends.Single(b => b.Ref.ServiceName == "a").Upstream.Algorithm, Is.EqualTo(LoadBalance.RoundRobin));
        Assert.That(model.Backends.Single(b => b.Ref.ServiceName == "b").Upstream.Algorithm, Is.EqualTo(LoadBalance.Ewma));
        Assert.That(model.Server("a.example.com").Location("/").CustomHttpErrors, Is.EqualTo(new[] { 404 }));
        Assert.That(model.Server("b.example.com").Location("/").CustomHttpErrors, Is.EqualTo(new[] { 502, 503 }));
    }

    [TestCase("load-balance", "least_conn")]
    [TestCase("custom-http-errors", "200")]
    public void A_bad_configmap_value_keeps_the_default_with_a_warning(string key, string value)
    {
        var result = Build([ConfigMap((key, value)), new IngressBuilder("web").Path("web.example.com", "/").Build()]);

        Assert.That(result.Model.Backends.Single().Upstream, Is.EqualTo(UpstreamModel.Default));
        Assert.That(result.Model.Server("web.example.com").Location("/").CustomHttpErrors, Is.Empty);
        Assert.That(result.Problems.Single(p => p.Reason == "InvalidConfigMapValue").Field, Is.EqualTo($"data[{key}]"));
    }

    [Test]
    public void The_oldest_Ingress_naming_a_Service_port_decides_its_balancing_and_a_later_one_is_warned()
    {
        var older = new IngressBuilder("older").CreatedAt(1).Path("a.example.com", "/").Nginx("upstream-hash-by", "$request_uri").Build();
        var newer = new IngressBuilder("newer").CreatedAt(2).Path("b.example.com", "/").Nginx("load-balance", "ewma").Build();
        var agrees = new IngressBuilder("agrees").CreatedAt(3).Path("c.example.com", "/").Nginx("upstream-hash-by", "$request_uri").Build();

        var result = Build([newer, agrees, older]);

        Assert.That(result.Model.Backends.Single().Upstream.HashBy, Is.EqualTo("$request_uri"));
        var conflict = result.Problems.Single(p => p.Reason == "Conflict");
        Assert.That(conflict.Subject.Name, Is.EqualTo("newer"));
        Assert.That(conflict.Message, Does.Contain("default/older"));
    }

    [Test]
    public void Service_upstream_proxies_to_the_ClusterIP_and_the_Service_port()
    {
        var service = WithClusterIp(new ServiceBuilder("web").Port(80, "http", "8080").Build(), "10.96.0.10");
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Nginx("service-upstream", "true").Build();

        var backend = Build([service, Slice(), ingress]).Model.Backends.Single();

        Assert.That(backend.Endpoints, Is.EqualTo(new[] { new EndpointModel("10.96.0.10", 80) }));
    }

    [Test]
    public void Service_upstream_on_a_headless_Service_keeps_its_endpoints_with_a_warning()
    {
        var service = WithClusterIp(new ServiceBuilder("web").Port(80, "http", "8080").Build(), "None");
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Nginx("service-upstream", "true").Build();

        var result = Build([service, Slice(), ingress]);

        Assert.That(result.Model.Backends.Single().Endpoints, Is.EqualTo(new[] { new EndpointModel("10.0.0.7", 8080) }));
        Assert.That(result.Problems.Single().Message, Does.Contain("headless"));
    }

    [Test]
    public void Default_backend_names_the_first_port_of_a_Service_in_the_Ingresss_namespace()
    {
        var errors = new ServiceBuilder("errors", "shop").Port(8081, "http").Port(9090, "metrics").Build();
        var ingress = new IngressBuilder("web", "shop").Path("web.example.com", "/").Nginx("default-backend", "errors").Build();

        var location = Build([errors, ingress]).Model.Server("web.example.com").Location("/");

        Assert.That(location.DefaultBackend, Is.EqualTo(new BackendRef("shop", "errors", "8081")));
    }

    [Test]
    public void A_missing_default_backend_Service_is_ignored_with_a_warning()
    {
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Nginx("default-backend", "nowhere").Build();

        var result = Build([ingress]);

        Assert.That(result.Model.Server("web.example.com").Location("/").DefaultBackend, Is.Null);
        Assert.That(result.Problems.Single(p => p.Reason == "DefaultBackendIgnored").Field, Does.EndWith("/default-backend]"));
    }

    private static UpstreamAnnotations Parse(params (string Name, string Value)[] annotations) =>
        UpstreamAnnotations.Parse(Reader(annotations), UpstreamAnnotations.None);

    /// <summary>A reader collects grammar faults (and a parser may throw one), so a test looks at both.</summary>
    private static AnnotationReader Reader(params (string Name, string Value)[] annotations) =>
        new(new V1ObjectMeta { Annotations = annotations.ToDictionary(a => $"{IngressBuilder.NginxPrefix}/{a.Name}", a => a.Value) }, IngressBuilder.NginxPrefix);

    private static V1ConfigMap ConfigMap(params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    private static V1Service WithClusterIp(V1Service service, string clusterIp)
    {
        service.Spec.ClusterIP = clusterIp;
        return service;
    }

    private static V1EndpointSlice Slice() => new EndpointSliceBuilder("web-1", "web").Port("http", 8080).Endpoint("10.0.0.7").Build();

    private static ModelBuildResult Build(IEnumerable<object> objects) =>
        IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass(objects), ControllerOptions.Default with { ConfigMap = ConfigMapKey });
}
