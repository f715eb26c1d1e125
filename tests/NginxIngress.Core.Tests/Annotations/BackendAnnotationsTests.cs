using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>upstream-vhost, connection-proxy-header and enable-access-log: valid values, refused values and defaults.</summary>
public sealed class BackendAnnotationsTests
{
    private const string Host = "app.example.com";

    [Test]
    public void Without_annotations_the_backend_gets_the_requests_host_and_connection_and_the_paths_are_logged()
    {
        var location = Location(Build(new IngressBuilder("app").Path(Host, "/")));

        Assert.That((location.UpstreamVhost, location.ConnectionHeader, location.AccessLog), Is.EqualTo(((string?)null, (string?)null, true)));
    }

    [TestCase("upstream-vhost", "internal.svc.local")]
    [TestCase("upstream-vhost", "internal.svc.local:8080")]
    [TestCase("connection-proxy-header", "keep-alive")]
    [TestCase("connection-proxy-header", "close")]
    [TestCase("connection-proxy-header", "keep-alive, Upgrade")]
    [TestCase("enable-access-log", "false")]
    public void A_valid_value_reaches_every_location_of_the_Ingress(string annotation, string value)
    {
        var location = Location(Build(new IngressBuilder("app").Path(Host, "/").Nginx(annotation, value)));

        var actual = annotation switch
        {
            "upstream-vhost" => location.UpstreamVhost,
            "connection-proxy-header" => location.ConnectionHeader,
            _ => location.AccessLog.ToString().ToLowerInvariant(),
        };
        Assert.That(actual, Is.EqualTo(value));
    }

    [TestCase("upstream-vhost", "evil.example.com; return 200")]
    [TestCase("upstream-vhost", "$http_host")]
    [TestCase("upstream-vhost", "a b")]
    [TestCase("connection-proxy-header", "keep-alive; more_set_headers x")]
    [TestCase("connection-proxy-header", "$http_connection")]
    [TestCase("connection-proxy-header", "close\r\nX-Injected: 1")]
    [TestCase("connection-proxy-header", "")]
    [TestCase("enable-access-log", "off")]
    public void An_invalid_value_leaves_the_whole_Ingress_unserved(string annotation, string value)
    {
        var result = Build(new IngressBuilder("bad").Path(Host, "/").Nginx(annotation, value), new IngressBuilder("good").Path("good.example.com", "/"));

        var problem = result.Problems.Single();
        Assert.That((problem.Severity, problem.Field), Is.EqualTo((ProblemSeverity.Error, $"metadata.annotations[nginx.ingress.kubernetes.io/{annotation}]")));
        Assert.That(result.Model.HasServer(Host), Is.False);
        Assert.That(result.Model.HasServer("good.example.com"), Is.True);
    }

    private static LocationModel Location(ModelBuildResult result) => result.Model.Server(Host).Location("/");

    private static ModelBuildResult Build(params IngressBuilder[] ingresses) =>
        Cluster.Build([Workload.Create(), .. ingresses.Select(ingress => (object)ingress)]);
}
