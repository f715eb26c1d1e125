using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.TestKit.Objects;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Core.Tests.Building;

/// <summary>from-to-www-redirect: which redirect servers are added, which are refused, and which certificate they serve.</summary>
public sealed class WwwRedirectTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase("shop.example.com", "www.shop.example.com")]
    [TestCase("www.shop.example.com", "shop.example.com")]
    public void The_other_name_gets_a_server_that_redirects_to_the_host(string host, string other)
    {
        var model = Build(new IngressBuilder("shop").Path(host, "/").Nginx("from-to-www-redirect", "true").Build()).Model;

        var redirect = model.Server(other);
        Assert.That((redirect.WwwRedirectTo, redirect.WwwRedirectIngress, redirect.Locations.Count), Is.EqualTo((host, Cluster.Key("shop"), 0)));
        Assert.That(model.Server(host).WwwRedirectTo, Is.Null);
    }

    [Test]
    public void A_name_served_by_another_Ingress_is_not_taken_over()
    {
        var result = Build(
            new IngressBuilder("shop").Path("shop.example.com", "/").Nginx("from-to-www-redirect", "true").Build(),
            new IngressBuilder("www").Path("www.shop.example.com", "/").Build());

        Assert.That(result.Model.Server("www.shop.example.com").WwwRedirectTo, Is.Null);
        Assert.That(result.Model.Server("www.shop.example.com").HasLocation("/"), Is.True);
        var warning = result.Problems.Single();
        Assert.That((warning.Severity, warning.Reason), Is.EqualTo((ProblemSeverity.Warning, "RedirectIgnored")));
    }

    [Test]
    public void Wildcard_hosts_and_rules_without_a_host_get_no_redirect()
    {
        var model = Build(new IngressBuilder("any").Path("*.example.com", "/").Path("", "/x").Nginx("from-to-www-redirect", "true").Build()).Model;

        Assert.That(model.Servers.Where(server => server.WwwRedirectTo is not null), Is.Empty);
    }

    [Test]
    public void The_redirect_serves_the_hosts_certificate_only_when_it_covers_the_other_name()
    {
        var both = TestCertificates.SelfSigned("shop.example.com", ["shop.example.com", "www.shop.example.com"], Now.AddDays(-1), Now.AddDays(90));
        var one = TestCertificates.SelfSigned("blog.example.com", ["blog.example.com"], Now.AddDays(-1), Now.AddDays(90));

        var model = Build(
            new IngressBuilder("shop").Path("shop.example.com", "/").Tls("shop-tls", "shop.example.com").Nginx("from-to-www-redirect", "true").Build(),
            new IngressBuilder("blog").Path("blog.example.com", "/").Tls("blog-tls", "blog.example.com").Nginx("from-to-www-redirect", "true").Build(),
            both.ToSecret("shop-tls"), one.ToSecret("blog-tls")).Model;

        Assert.That(model.Server("www.shop.example.com").Tls?.Certificate?.DnsNames, Does.Contain("www.shop.example.com"));
        Assert.That(model.Server("www.blog.example.com").Tls, Is.Null, "the default certificate");
    }

    private static ModelBuildResult Build(params object[] objects) =>
        IngressModelBuilder.Build(SnapshotBuilder.WithNginxClass([Workload.Create(), .. objects]), ControllerOptions.Default, now: Now);
}
