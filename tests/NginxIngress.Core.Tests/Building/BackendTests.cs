using k8s.Models;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// How a path's Service port becomes endpoints (reference §4 Endpoints): EndpointSlices of the Service, ready
/// endpoints only, a named targetPort resolved through the slice's port names. A backend that cannot be
/// reached still exists (its paths answer 503) and is reported as a warning.
/// </summary>
public sealed class BackendTests
{
    private const string Host = "app.example.com";

    // The quickstart's shape: Service port 80 "http" targets the container port named flask-port, which the
    // EndpointSlice controller resolved to 5000 under the Service port's name.
    private static V1Service FlaskService() => new ServiceBuilder("hostname-service").Port(80, "http", "flask-port").Build();

    private static EndpointSliceBuilder FlaskSlice(string name = "hostname-service-a") =>
        new EndpointSliceBuilder(name, "hostname-service").Port("http", 5000);

    [Test]
    public void Service_port_by_number_resolves_through_a_named_target_port()
    {
        var result = Cluster.Build(FlaskService(), FlaskSlice().Endpoint("10.0.0.1").Build(),
            new IngressBuilder("app").Path(Host, "/", service: "hostname-service", port: 80));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).Location("/").Backend, Is.EqualTo(new BackendRef("default", "hostname-service", "80")));
        Assert.That(result.Model.Backend("hostname-service", "80").Endpoints, Is.EqualTo(new[] { new EndpointModel("10.0.0.1", 5000) }));
    }

    [Test]
    public void Service_port_by_name_resolves_like_the_same_port_by_number()
    {
        var result = Cluster.Build(FlaskService(), FlaskSlice().Endpoint("10.0.0.1").Build(),
            new IngressBuilder("app").PathToPortName(Host, "/", "hostname-service", "http"));

        Assert.That(result.Problems, Is.Empty);
        // The port name is resolved to the Service port's number, which is the backend's name from then on.
        Assert.That(result.Model.Backend("hostname-service", "80").Endpoints, Is.EqualTo(new[] { new EndpointModel("10.0.0.1", 5000) }));
    }

    [Test]
    public void Numeric_target_port_is_used_when_the_slice_lists_no_ports()
    {
        var result = Cluster.Build(
            new ServiceBuilder("web").Port(80, targetPort: "8080").Build(),
            new EndpointSliceBuilder("web-1", "web").Endpoint("10.0.0.1").Build(),
            new IngressBuilder("app").Path(Host, "/"));

        Assert.That(result.Model.Backend("web", "80").Endpoints, Is.EqualTo(new[] { new EndpointModel("10.0.0.1", 8080) }));
    }

    [Test]
    public void Endpoints_of_several_slices_are_merged_sorted_and_deduplicated()
    {
        var result = Cluster.Build(FlaskService(),
            FlaskSlice("hostname-service-a").Endpoint("10.0.0.3").Endpoint("10.0.0.1").Build(),
            FlaskSlice("hostname-service-b").Endpoint("10.0.0.1").Endpoint("10.0.0.2").Build(),
            new IngressBuilder("app").Path(Host, "/", service: "hostname-service"));

        Assert.That(result.Model.Backend("hostname-service", "80").Endpoints.Select(e => e.Address),
            Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" }));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(null, true)]
    public void Only_ready_endpoints_receive_traffic(bool? ready, bool used)
    {
        // The API says a nil ready condition means "unknown" and must be read as ready.
        var result = Cluster.Build(FlaskService(),
            FlaskSlice().Endpoint("10.0.0.1").Endpoint("10.0.0.2", ready).Build(),
            new IngressBuilder("app").Path(Host, "/", service: "hostname-service"));

        Assert.That(result.Model.Backend("hostname-service", "80").Endpoints.Select(e => e.Address),
            Is.EqualTo(used ? new[] { "10.0.0.1", "10.0.0.2" } : new[] { "10.0.0.1" }));
    }

    private static IEnumerable<TestCaseData> UnavailableBackends()
    {
        yield return new TestCaseData(Array.Empty<object>(), "does not exist").SetArgDisplayNames("missing Service");
        yield return new TestCaseData(new object[] { new ServiceBuilder("web").Port(8080).Build() }, "has no port 80")
            .SetArgDisplayNames("Service without the port");
        yield return new TestCaseData(new object[] { new ServiceBuilder("web").Port(80).Build() }, "no ready endpoints")
            .SetArgDisplayNames("Service without endpoints");
        yield return new TestCaseData(new object[]
        {
            new ServiceBuilder("web").Port(80).Build(),
            new EndpointSliceBuilder("web-1", "web").Port(null, 80).Endpoint("10.0.0.1", ready: false).Build(),
        }, "no ready endpoints").SetArgDisplayNames("only not-ready endpoints");
        yield return new TestCaseData(new object[]
        {
            new ServiceBuilder("web").Port(80, "http", "flask-port").Build(),
            new EndpointSliceBuilder("web-1", "web").Port("metrics", 9090).Endpoint("10.0.0.1").Build(),
        }, "no ready endpoints").SetArgDisplayNames("named target port the slice does not list");
        yield return new TestCaseData(new object[]
        {
            new ServiceBuilder("web").Port(80).Build(),
            new EndpointSliceBuilder("web-1", "web", "other").Port(null, 80).Endpoint("10.0.0.1").Build(),
        }, "no ready endpoints").SetArgDisplayNames("slice in another namespace");
    }

    [TestCaseSource(nameof(UnavailableBackends))]
    public void Unavailable_backend_is_kept_without_endpoints_and_reported(object[] objects, string reason)
    {
        var result = Cluster.Build([.. objects, new IngressBuilder("app").Path(Host, "/")]);

        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(problem.Reason, Is.EqualTo("BackendUnavailable"));
            Assert.That(problem.Field, Is.EqualTo("spec.rules[0].http.paths[0].backend.service"));
            Assert.That(problem.Message, Does.Contain(reason));
            // The path stays routed to the Service, so it answers 503 rather than falling through to another path.
            Assert.That(result.Model.Server(Host).Location("/").Backend, Is.EqualTo(new BackendRef("default", "web", "80")));
            Assert.That(result.Model.Backend("web", "80").Endpoints, Is.Empty);
        }
    }

    [TestCase("not-an-ip")]
    [TestCase("999.1.1.1")]
    [TestCase("10.0.0")]
    [TestCase("10.1")]
    [TestCase("1")]
    [TestCase("10.0.0.1; proxy_pass")]
    [TestCase("")]
    [TestCase("fd00::1")]
    [TestCase("fe80::1%eth0")]
    public void Invalid_endpoint_addresses_are_ignored(string address)
    {
        var result = Cluster.Build(
            new ServiceBuilder("web").Port(80).Build(),
            new EndpointSliceBuilder("web-1", "web").Port(null, 80).Endpoint(address).Endpoint("10.0.0.9").Build(),
            new IngressBuilder("app").Path(Host, "/"));

        Assert.That(result.Model.Backend("web", "80").Endpoints, Is.EqualTo(new[] { new EndpointModel("10.0.0.9", 80) }));
    }

    [Test]
    public void Ipv6_endpoints_are_used_in_canonical_form_and_zoned_ones_are_ignored()
    {
        var result = Cluster.Build(
            new ServiceBuilder("web").Port(80).Build(),
            new EndpointSliceBuilder("web-1", "web").AddressType("IPv6").Port(null, 80).Endpoint("fd00:0:0::1").Endpoint("fe80::1%eth0").Endpoint("10.0.0.1").Build(),
            new IngressBuilder("app").Path(Host, "/"));

        Assert.That(result.Model.Backend("web", "80").Endpoints, Is.EqualTo(new[] { new EndpointModel("fd00::1", 80) }));
    }

    [Test]
    public void Fqdn_slices_are_ignored()
    {
        var result = Cluster.Build(
            new ServiceBuilder("web").Port(80).Build(),
            new EndpointSliceBuilder("web-1", "web").AddressType("FQDN").Port(null, 80).Endpoint("pod.example.com").Build(),
            new IngressBuilder("app").Path(Host, "/"));

        Assert.That(result.Model.Backend("web", "80").Endpoints, Is.Empty);
    }

    [TestCase(443, 443)]
    [TestCase(8443, 8443)]
    public void External_name_service_proxies_to_its_dns_name(int ingressPort, int expectedPort)
    {
        // The Service lists port 443 only; an ExternalName Service may also be used on a port it does not list.
        var result = Cluster.Build(
            new ServiceBuilder("external").ExternalName("api.example.org").Port(443).Build(),
            new IngressBuilder("app").Path(Host, "/", service: "external", port: ingressPort));

        var backend = result.Model.Backend("external", ingressPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(backend.IsExternalName, Is.True);
        Assert.That(backend.Endpoints, Is.EqualTo(new[] { new EndpointModel("api.example.org", expectedPort) }));
    }

    [TestCase("*.example.org")]
    [TestCase("API.example.org")]
    [TestCase("api.example.org;")]
    public void External_name_that_is_not_a_dns_name_is_unavailable(string externalName)
    {
        var result = Cluster.Build(
            new ServiceBuilder("external").ExternalName(externalName).Port(443).Build(),
            new IngressBuilder("app").Path(Host, "/", service: "external", port: 443));

        Assert.That(result.Problems.Single().Reason, Is.EqualTo("BackendUnavailable"));
        Assert.That(result.Model.Backend("external", "443").Endpoints, Is.Empty);
    }

    [Test]
    public void Backend_that_is_not_a_service_is_not_served()
    {
        var ingress = new IngressBuilder("app").Path(Host, "/").Path(Host, "/ok").Build();
        ingress.Spec.Rules[0].Http.Paths[0].Backend = new V1IngressBackend
        {
            Resource = new V1TypedLocalObjectReference { ApiGroup = "storage.example.com", Kind = "Bucket", Name = "static" },
        };

        var result = Cluster.Build(Workload.Create(), ingress);

        var problem = result.Problems.Single();
        Assert.That(problem.Reason, Is.EqualTo("UnsupportedBackend"));
        Assert.That(problem.Field, Is.EqualTo("spec.rules[0].http.paths[0].backend"));
        Assert.That(result.Model.Server(Host).Location("/").IsDefaultRoot, Is.True);
    }

    [TestCase("Web", 80, "backend.service.name")]
    [TestCase("web.default", 80, "backend.service.name")]
    [TestCase("web", 0, "backend.service.port")]
    [TestCase("web", 70000, "backend.service.port")]
    public void Invalid_service_reference_is_not_served(string service, int port, string field)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, "/api", service: service, port: port));

        var problem = result.Problems.Single();
        Assert.That(problem.Reason, Is.EqualTo("InvalidBackend"));
        Assert.That(problem.Field, Is.EqualTo($"spec.rules[0].http.paths[0].{field}"));
        Assert.That(result.Model.Server(Host).HasLocation("/api"), Is.False);
    }

    [Test]
    public void Same_service_port_named_two_ways_is_one_backend()
    {
        var result = Cluster.Build(FlaskService(), FlaskSlice().Endpoint("10.0.0.1").Build(),
            new IngressBuilder("app").Path(Host, "/a", service: "hostname-service").PathToPortName(Host, "/b", "hostname-service", "http"));

        // One upstream, so one round-robin and one keepalive pool, whichever way an Ingress names the port.
        Assert.That(result.Model.Backends.Select(b => b.Ref.ToString()), Is.EqualTo(new[] { "default/hostname-service:80" }));
    }
}
