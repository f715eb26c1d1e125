using k8s.Models;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Which certificate each host gets: the oldest Ingress naming the host wins; unusable certificates fall back to the
/// default with a Warning; the redirect flags follow the annotations over the ConfigMap.
/// </summary>
public sealed class TlsAssignmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TestCertificate Web = TestCertificates.SelfSigned("web.example.com", ["web.example.com"], Now.AddDays(-1), Now.AddDays(90));
    private static readonly TestCertificate Other = TestCertificates.SelfSigned("other.example.com", ["other.example.com"], Now.AddDays(-1), Now.AddDays(90));

    [Test]
    public void The_oldest_Ingress_naming_a_host_gives_it_its_certificate_whoever_defined_the_paths()
    {
        var paths = new IngressBuilder("paths").CreatedAt(3).Path("web.example.com", "/").Build();
        var older = new IngressBuilder("older").CreatedAt(1).Tls("web-tls", "web.example.com").Build();
        var newer = new IngressBuilder("newer").CreatedAt(2).Tls("other-tls", "web.example.com").Build();

        var tls = Build(paths, newer, older, Web.ToSecret("web-tls"), Other.ToSecret("other-tls")).Model.Server("web.example.com").Tls;

        Assert.That(tls?.Secret, Is.EqualTo(new ObjectKey("default", "web-tls")));
        Assert.That(tls?.Certificate?.Sha256Fingerprint, Is.EqualTo(Web.Sha256Fingerprint));
    }

    [Test]
    public void A_tls_entry_without_hosts_covers_the_Ingresses_own_hosts()
    {
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Tls("web-tls").Build();

        var server = Build(ingress, Web.ToSecret("web-tls")).Model.Server("web.example.com");

        Assert.That(server.Tls?.Certificate, Is.Not.Null);
    }

    [Test]
    public void A_tls_entry_without_secretName_serves_the_default_certificate_and_still_redirects()
    {
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Tls(null, "web.example.com").Build();

        var result = Build(ingress);
        var server = result.Model.Server("web.example.com");

        Assert.That(server.Tls, Is.EqualTo(new ServerTlsModel(null, null)));
        Assert.That(result.Problems.Where(problem => problem.Field.StartsWith("spec.tls", StringComparison.Ordinal)), Is.Empty);
        Assert.That(server.Location("/").SslRedirect, Is.True);
    }

    [Test]
    public void A_host_with_no_tls_entry_has_none()
    {
        var server = Build(new IngressBuilder("web").Path("web.example.com", "/").Build()).Model.Server("web.example.com");

        Assert.That(server.Tls, Is.Null);
    }

    [TestCase(-1, "CertificateExpired", "expired on 2026-11-30")]
    [TestCase(5, "CertificateExpiring", "expires on 2026-12-06")]
    public void An_expired_or_soon_expiring_certificate_is_served_with_a_warning_naming_the_date(int daysLeft, string reason, string text)
    {
        var dated = TestCertificates.SelfSigned("web.example.com", ["web.example.com"], Now.AddDays(-100), Now.AddDays(daysLeft));
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Tls("web-tls", "web.example.com").Build();

        var result = Build(ingress, dated.ToSecret("web-tls"));

        Assert.That(result.Model.Server("web.example.com").Tls?.Certificate?.Sha256Fingerprint, Is.EqualTo(dated.Sha256Fingerprint));
        var problem = TlsProblem(result);
        Assert.That((problem.Severity, problem.Reason, problem.Field), Is.EqualTo((ProblemSeverity.Warning, reason, "spec.tls[0].secretName")));
        Assert.That(problem.Message, Does.Contain(text));
    }

    [Test]
    public void A_certificate_for_another_host_falls_back_to_the_default_and_says_which_names_it_has()
    {
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Tls("other-tls", "web.example.com").Build();

        var result = Build(ingress, Other.ToSecret("other-tls"));

        Assert.That(result.Model.Server("web.example.com").Tls, Is.EqualTo(new ServerTlsModel(new ObjectKey("default", "other-tls"), null)));
        var problem = TlsProblem(result);
        Assert.That(problem.Reason, Is.EqualTo("CertificateHostMismatch"));
        Assert.That(problem.Message, Does.Contain("other.example.com").And.Contain("\"web.example.com\"").And.Contain("default certificate"));
    }

    [Test]
    public void A_bad_ssl_redirect_annotation_leaves_the_Ingress_out()
    {
        var ingress = new IngressBuilder("web").Path("web.example.com", "/").Nginx("ssl-redirect", "sometimes").Build();

        var result = Build(ingress);

        Assert.That(result.Model.HasServer("web.example.com"), Is.False);
        Assert.That(result.Problems.Single().Field, Is.EqualTo("metadata.annotations[nginx.ingress.kubernetes.io/ssl-redirect]"));
    }

    [Test]
    public void Annotations_override_the_configmaps_redirect_keys()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "nginx-configuration", NamespaceProperty = "ingress-nginx" },
            Data = new Dictionary<string, string> { ["ssl-redirect"] = "false" },
        };
        var byDefault = new IngressBuilder("default").Path("a.example.com", "/").Tls(null, "a.example.com").Build();
        var optedIn = new IngressBuilder("opted-in").Path("b.example.com", "/").Tls(null, "b.example.com").Nginx("ssl-redirect", "true").Build();
        var forced = new IngressBuilder("forced").Path("c.example.com", "/").Nginx("force-ssl-redirect", "true").Build();
        var options = ControllerOptions.Default with { ConfigMap = new ObjectKey("ingress-nginx", "nginx-configuration") };

        var model = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([configMap, byDefault, optedIn, forced]), options, now: Now).Model;

        Assert.That(model.Tls.SslRedirect, Is.False);
        Assert.That(model.Server("a.example.com").Location("/").SslRedirect, Is.False);
        Assert.That(model.Server("b.example.com").Location("/").SslRedirect, Is.True);
        Assert.That(model.Server("c.example.com").Location("/").ForceSslRedirect, Is.True);
    }

    [Test]
    public void A_default_ssl_certificate_secret_that_is_unusable_falls_back_to_the_fake_with_a_warning()
    {
        var options = ControllerOptions.Default with { DefaultSslCertificate = new ObjectKey("ingress-nginx", "default-cert") };
        var broken = TestCertificates.Secret("default-cert", "not a certificate", Web.PrivateKeyPem, "ingress-nginx");

        var result = IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([broken]), options, now: Now);

        Assert.That(result.Model.DefaultCertificate, Is.Null);
        Assert.That(result.Problems.Single().Subject, Is.EqualTo(ObjectRef.Secret(new ObjectKey("ingress-nginx", "default-cert"))));
    }

    [Test]
    public void Building_twice_from_one_snapshot_gives_equal_models()
    {
        var snapshot = SnapshotBuilder.WithNginxClass([new IngressBuilder("web").Path("web.example.com", "/").Tls("web-tls", "web.example.com").Build(), Web.ToSecret("web-tls")]);

        Assert.That(IngressModelBuilder.Build(snapshot, ControllerOptions.Default, now: Now).Model,
            Is.EqualTo(IngressModelBuilder.Build(snapshot, ControllerOptions.Default, now: Now).Model));
    }

    /// <summary>The one problem about spec.tls; the tests' Ingresses also draw one about their missing Service.</summary>
    private static Problem TlsProblem(ModelBuildResult result) =>
        result.Problems.Single(problem => problem.Field.StartsWith("spec.tls", StringComparison.Ordinal));

    private static ModelBuildResult Build(params object[] objects) =>
        IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass(objects), ControllerOptions.Default, now: Now);
}
