using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Scenarios;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// Which certificate nginx presents, decided by the name the client sends in the handshake (SNI): a host's own
/// certificate for its name, and the default one for every other name, for clients that send none, and for TLS
/// hosts without a certificate of their own.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SniTests
{
    private static readonly TestCertificate Alpha = TestCertificates.SelfSigned("alpha.example", ["alpha.example"]);
    private static readonly TestCertificate Beta = TestCertificates.SelfSigned("beta.example", ["beta.example"], ecdsa: true);
    private static readonly TestCertificate Shared = TestCertificates.SelfSigned("one.example", ["one.example", "two.example"]);
    private static readonly TestCertificate Wildcard = TestCertificates.SelfSigned("*.example.com", ["*.example.com"]);
    private static readonly TestCertificate OwnDefault = TestCertificates.SelfSigned("default.example", ["default.example"]);

    private static readonly ControllerOptions WithDefaultCertificate =
        ControllerOptions.Default with { DefaultSslCertificate = new ObjectKey("default", "own-default") };

    [Test]
    public async Task Each_sni_name_gets_its_own_hosts_certificate()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("alpha-tls", Alpha) + TlsYaml.Ingress("alpha", "alpha.example", "alpha", "alpha-tls")
            + TlsYaml.Secret("beta-tls", Beta) + TlsYaml.Ingress("beta", "beta.example", "beta", "beta-tls"),
            ["alpha", "beta"]);

        var alpha = await cluster.HttpsAsync("alpha.example");
        var beta = await cluster.HttpsAsync("beta.example");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TlsHandshake.Fingerprint(alpha.ServerCertificate!), Is.EqualTo(Alpha.Sha256Fingerprint), "alpha.example");
            Assert.That(TlsHandshake.Fingerprint(beta.ServerCertificate!), Is.EqualTo(Beta.Sha256Fingerprint), "beta.example");
            ResponseAssert.ServedBy(alpha, "alpha");
            ResponseAssert.ServedBy(beta, "beta");
            Assert.That(alpha.RequireEcho().Header("X-Forwarded-Proto"), Is.EqualTo("https"));
        }
    }

    [Test]
    public async Task One_secret_serves_every_host_its_certificate_names()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("shared-tls", Shared)
            + TlsYaml.Ingress("shared", ["one.example", "two.example"], "shared", ["one.example", "two.example"], "shared-tls"),
            ["shared"]);

        var one = await cluster.HttpsAsync("one.example");
        var two = await cluster.HttpsAsync("two.example");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TlsHandshake.Fingerprint(one.ServerCertificate!), Is.EqualTo(Shared.Sha256Fingerprint), "one.example");
            Assert.That(TlsHandshake.Fingerprint(two.ServerCertificate!), Is.EqualTo(Shared.Sha256Fingerprint), "two.example");
            ResponseAssert.ServedBy(one, "shared");
            ResponseAssert.ServedBy(two, "shared");
            Assert.That(cluster.LastResult!.Rendered.Files.Select(file => file.RelativePath).Where(path => path != "certs/default.pem"), Has.Exactly(1).Items,
                "the Secret is written once, however many hosts use it");
        }
    }

    [Test]
    public async Task Wildcard_certificate_serves_a_host_one_label_below()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("wildcard-tls", Wildcard) + TlsYaml.Ingress("app", "a.example.com", "app", "wildcard-tls"),
            ["app"]);

        var response = await cluster.HttpsAsync("a.example.com");

        Assert.That(TlsHandshake.Fingerprint(response.ServerCertificate!), Is.EqualTo(Wildcard.Sha256Fingerprint));
        ResponseAssert.ServedBy(response, "app");
        Assert.That(cluster.LastResult!.Problems, Is.Empty);
    }

    /// <param name="sni">null: the client sends no server name at all.</param>
    [TestCase("unknown.example")]
    [TestCase(null)]
    public async Task Unknown_or_missing_sni_gets_the_fake_certificate(string? sni)
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("alpha-tls", Alpha) + TlsYaml.Ingress("alpha", "alpha.example", "alpha", "alpha-tls"),
            ["alpha"]);

        using var presented = await TlsHandshake.PresentedAsync(cluster.Nginx.Address, cluster.Nginx.HttpsPort, sni);

        Assert.That(TlsHandshake.CommonName(presented), Is.EqualTo(TlsHandshake.FakeCommonName));
        Assert.That(TlsHandshake.Fingerprint(presented), Is.Not.EqualTo(Alpha.Sha256Fingerprint));
    }

    /// <param name="sni">null: the client sends no server name at all.</param>
    [TestCase("unknown.example")]
    [TestCase(null)]
    [TestCase("nosecret.example")]
    public async Task Default_ssl_certificate_replaces_the_fake_one(string? sni)
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("own-default", OwnDefault)
            + TlsYaml.Secret("alpha-tls", Alpha) + TlsYaml.Ingress("alpha", "alpha.example", "alpha", "alpha-tls")
            + TlsYaml.Ingress("nosecret", "nosecret.example", "nosecret", secretName: null),
            ["alpha", "nosecret"], WithDefaultCertificate);

        using var presented = await TlsHandshake.PresentedAsync(cluster.Nginx.Address, cluster.Nginx.HttpsPort, sni);
        var alpha = await cluster.HttpsAsync("alpha.example");

        Assert.That(TlsHandshake.Fingerprint(presented), Is.EqualTo(OwnDefault.Sha256Fingerprint));
        Assert.That(TlsHandshake.Fingerprint(alpha.ServerCertificate!), Is.EqualTo(Alpha.Sha256Fingerprint), "a host's own certificate still wins");
        Assert.That(cluster.LastResult!.Problems, Is.Empty);
    }

    [Test]
    public async Task Tls_entry_without_secret_name_serves_the_default_certificate()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Ingress("nosecret", "nosecret.example", "nosecret", secretName: null),
            ["nosecret"]);

        var response = await cluster.HttpsAsync("nosecret.example");

        Assert.That(TlsHandshake.CommonName(response.ServerCertificate!), Is.EqualTo(TlsHandshake.FakeCommonName));
        ResponseAssert.ServedBy(response, "nosecret");
    }

    /// <summary>
    /// Only the catch-all server{} holds the default certificate (a context per server{} costs every parse about
    /// 1.4 ms), so hosts without their own certificate share its handshake; the SNI name must still pick each one's server{}.
    /// </summary>
    [Test]
    public async Task Hosts_without_their_own_certificate_share_the_default_handshake_and_keep_their_routes()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Ingress("first", "first.example", "first", secretName: null)
            + TlsYaml.Ingress("second", "second.example", "second", secretName: null),
            ["first", "second"]);

        var first = await cluster.HttpsAsync("first.example");
        var second = await cluster.HttpsAsync("second.example");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TlsHandshake.CommonName(first.ServerCertificate!), Is.EqualTo(TlsHandshake.FakeCommonName));
            Assert.That(TlsHandshake.CommonName(second.ServerCertificate!), Is.EqualTo(TlsHandshake.FakeCommonName));
            ResponseAssert.ServedBy(first, "first");
            ResponseAssert.ServedBy(second, "second");
        }
    }
}
