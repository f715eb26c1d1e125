using k8s.Models;
using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Config;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Nginx.Tests.Validation;

/// <summary>
/// What nginx -t must check of a candidate, given the config nginx last served: everything when there is nothing
/// to compare with or something http-wide changed, nothing when every block was served before, and otherwise
/// the changed servers and upstreams with the catch-all server and the upstreams they name.
/// </summary>
[TestFixture]
public sealed class ValidationScopeTests
{
    private static readonly TestCertificate First = TestCertificates.SelfSigned("a.example", ["a.example"]);
    private static readonly TestCertificate Second = TestCertificates.SelfSigned("a.example", ["a.example"], ecdsa: true);

    /// <summary>Three hosts, each to its own Service.</summary>
    private static IEnumerable<object> Cluster(params IEnumerable<object> extra) =>
    [
        Workload.Create("a", address: "10.0.0.1"), Workload.Create("b", address: "10.0.0.2"), Workload.Create("c", address: "10.0.0.3"),
        new IngressBuilder("a").Class("nginx").Path("a.example", "/", service: "a").Build(),
        new IngressBuilder("b").Class("nginx").Path("b.example", "/", service: "b").Build(),
        new IngressBuilder("c").Class("nginx").Path("c.example", "/", service: "c").Build(),
        .. extra,
    ];

    private static readonly ControllerOptions Options = ControllerOptions.Default with { ConfigMap = new ObjectKey("ingress-nginx", "ingress-nginx-controller") };

    private static NginxConfig Render(IEnumerable<object> objects) =>
        ConfigPipeline.Run(SnapshotBuilder.WithNginxClass(objects), Options, NginxSettings.Default).Config;

    private static IEnumerable<string> ServerNames(NginxConfig config) => config.Servers.Select(server => server.ServerName);

    private static IEnumerable<string> UpstreamNames(NginxConfig config) => config.Upstreams.Select(upstream => upstream.Name);

    [Test]
    public void Without_a_verified_config_everything_is_checked()
    {
        var candidate = Render(Cluster());

        var scope = ValidationScope.For(null, candidate);

        Assert.That(scope.Kind, Is.EqualTo(ValidationScopeKind.Full));
        Assert.That(scope.Checked, Is.SameAs(candidate));
    }

    [Test]
    public void A_changed_http_setting_checks_everything()
    {
        var baseline = Render(Cluster());
        var candidate = Render(Cluster(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "ingress-nginx-controller", NamespaceProperty = "ingress-nginx" },
            Data = new Dictionary<string, string> { ["proxy-body-size"] = "8m" },
        }));
        Assert.That(candidate.Http, Is.Not.EqualTo(baseline.Http), "the ConfigMap key must reach http{} for this test to mean anything");

        Assert.That(ValidationScope.For(baseline, candidate).Kind, Is.EqualTo(ValidationScopeKind.Full));
    }

    [Test]
    public void The_config_already_served_needs_no_nginx_t()
    {
        var baseline = Render(Cluster());

        Assert.That(ValidationScope.For(baseline, Render(Cluster())).Kind, Is.EqualTo(ValidationScopeKind.Covered));
    }

    [Test]
    public void A_deleted_ingress_leaves_only_blocks_nginx_already_accepted()
    {
        var baseline = Render(Cluster());
        var candidate = Render(Cluster().Where(item => item is not V1Ingress { Metadata.Name: "b" }));

        Assert.That(ValidationScope.For(baseline, candidate).Kind, Is.EqualTo(ValidationScopeKind.Covered));
    }

    [Test]
    public void A_new_host_is_checked_with_the_catch_all_and_its_own_upstream_only()
    {
        var baseline = Render(Cluster());
        var candidate = Render(Cluster(Workload.Create("d", address: "10.0.0.4"), new IngressBuilder("d").Class("nginx").Path("d.example", "/", service: "d").Build()));

        var scope = ValidationScope.For(baseline, candidate);

        Assert.That(scope.Kind, Is.EqualTo(ValidationScopeKind.Changed));
        Assert.That(ServerNames(scope.Checked!), Is.EqualTo(new[] { "_", "d.example" }), "the catch-all holds the default certificate every ssl listen needs");
        Assert.That(UpstreamNames(scope.Checked!), Is.EqualTo(new[] { "default.d.80" }));
        Assert.That(scope.Checked!.Http, Is.EqualTo(candidate.Http), "new blocks are checked under the http settings they will be served with");
    }

    [Test]
    public void An_endpoint_change_checks_only_that_upstream()
    {
        var baseline = Render(Cluster());
        var candidate = Render(Cluster().Select(item => item is Workload { Service.Metadata.Name: "b" } ? Workload.Create("b", address: "10.0.0.9") : item));

        var scope = ValidationScope.For(baseline, candidate);

        Assert.That(scope.Kind, Is.EqualTo(ValidationScopeKind.Changed));
        Assert.That(ServerNames(scope.Checked!), Is.EqualTo(new[] { "_" }));
        Assert.That(UpstreamNames(scope.Checked!), Is.EqualTo(new[] { "default.b.80" }));
    }

    [Test]
    public void A_renewed_certificate_checks_the_hosts_that_use_it()
    {
        IEnumerable<object> WithCertificate(TestCertificate certificate) =>
            Cluster().Select(item => item is V1Ingress { Metadata.Name: "a" }
                ? new IngressBuilder("a").Class("nginx").Path("a.example", "/", service: "a").Tls("a-tls", "a.example").Build()
                : item).Append(certificate.ToSecret("a-tls"));
        var baseline = Render(WithCertificate(First));
        var candidate = Render(WithCertificate(Second));
        Assert.That(candidate.Servers, Is.EqualTo(baseline.Servers), "the certificate file keeps its path, so only its content tells the change");

        var scope = ValidationScope.For(baseline, candidate);

        Assert.That(scope.Kind, Is.EqualTo(ValidationScopeKind.Changed));
        Assert.That(ServerNames(scope.Checked!), Is.EqualTo(new[] { "_", "a.example" }));
        Assert.That(scope.Checked!.Files.Select(file => file.RelativePath), Is.EquivalentTo(new[] { "certs/default.pem", candidate.Servers.Single(server => server.ServerName == "a.example").CertificateFile }));
    }

    [Test]
    public void A_server_with_a_snippet_is_checked_with_every_upstream()
    {
        var snippets = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "ingress-nginx-controller", NamespaceProperty = "ingress-nginx" },
            Data = new Dictionary<string, string> { ["allow-snippet-annotations"] = "true", ["annotations-risk-level"] = "Critical" },
        };
        // A snippet loads the headers-more module, an http-wide change; the baseline has one already.
        var withSnippet = Cluster(snippets).Select(item => item is V1Ingress { Metadata.Name: "c" }
            ? new IngressBuilder("c").Class("nginx").Path("c.example", "/", service: "c").Nginx("server-snippet", "add_header X-Snippet c;").Build()
            : item).ToList();
        var baseline = Render(withSnippet);
        var candidate = Render(withSnippet.Concat([
            Workload.Create("d", address: "10.0.0.4"),
            new IngressBuilder("d").Class("nginx").Path("d.example", "/", service: "d").Nginx("server-snippet", "add_header X-Snippet d;").Build()]));

        var scope = ValidationScope.For(baseline, candidate);

        Assert.That(scope.Kind, Is.EqualTo(ValidationScopeKind.Changed));
        Assert.That(UpstreamNames(scope.Checked!), Is.EquivalentTo(UpstreamNames(candidate)), "a snippet may name any upstream");
    }
}
