using System.Globalization;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Scenarios;
using NginxIngress.TestKit.Tls;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// Plain HTTP to a TLS host is redirected to HTTPS (ssl-redirect), or to any host that asks (force-ssl-redirect),
/// except for ACME HTTP-01 challenges; the annotations override the ConfigMap keys of the same names. HTTPS answers
/// carry Strict-Transport-Security, plain HTTP answers never do.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RedirectTests
{
    private const string DefaultHsts = "max-age=31536000; includeSubDomains";

    private static readonly TestCertificate Secure = TestCertificates.SelfSigned("secure.example", ["secure.example"], ecdsa: true);

    private static string SecureHost(IReadOnlyDictionary<string, string>? annotations = null) =>
        TlsYaml.Secret("secure-tls", Secure) + TlsYaml.Ingress("secure", "secure.example", "web", "secure-tls", annotations);

    private static string PlainHost(IReadOnlyDictionary<string, string>? annotations = null) =>
        Ingress("plain", "plain.example", [("/", "Prefix", "web")], annotations);

    private static string HttpsLocation(LoopbackCluster cluster, string host, string pathAndQuery) =>
        $"https://{host}:{cluster.Nginx.HttpsPort.ToString(CultureInfo.InvariantCulture)}{pathAndQuery}";

    [TestCase("/path", "/path")]
    [TestCase("/path?q=1&next=%2Fhome", "/path?q=1&next=%2Fhome")]
    [TestCase("/dir/", "/dir")]
    public async Task Http_to_a_tls_host_is_redirected_to_https_with_308(string request, string redirected)
    {
        await using var cluster = await TlsCluster.StartAsync(SecureHost(), ["web"]);

        var response = await cluster.HttpAsync("secure.example", request);

        Assert.That(response.StatusCode, Is.EqualTo(308), response.Summary);
        Assert.That(response.Headers.GetValueOrDefault("Location"), Is.EqualTo(HttpsLocation(cluster, "secure.example", redirected)));
        Assert.That(cluster.PodGroups.Single().Pods.Single().RequestCount, Is.Zero, "the backend never saw the plain request");
    }

    [Test]
    public async Task Following_the_redirect_reaches_the_backend_over_https()
    {
        await using var cluster = await TlsCluster.StartAsync(SecureHost(), ["web"]);

        var response = await cluster.Client.SendAsync("GET", "secure.example", "/page?x=1", followRedirects: true);

        ResponseAssert.ServedBy(response, "web");
        Assert.That(response.RequireEcho().Path, Is.EqualTo("/page?x=1"));
        Assert.That(response.RequireEcho().Header("X-Forwarded-Proto"), Is.EqualTo("https"));
        Assert.That(TlsHandshake.Fingerprint(response.ServerCertificate!), Is.EqualTo(Secure.Sha256Fingerprint));
    }

    [Test]
    public async Task Acme_challenge_is_not_redirected()
    {
        await using var cluster = await TlsCluster.StartAsync(SecureHost(), ["web"]);

        var response = await cluster.HttpAsync("secure.example", "/.well-known/acme-challenge/token-123");

        ResponseAssert.ServedBy(response, "web");
        Assert.That(response.RequireEcho().Path, Is.EqualTo("/.well-known/acme-challenge/token-123"));
    }

    [Test]
    public async Task Host_without_tls_is_not_redirected()
    {
        await using var cluster = await TlsCluster.StartAsync(PlainHost(), ["web"]);

        ResponseAssert.ServedBy(await cluster.HttpAsync("plain.example", "/"), "web");
    }

    [Test]
    public async Task Force_ssl_redirect_redirects_a_host_without_tls()
    {
        await using var cluster = await TlsCluster.StartAsync(PlainHost(Annotations(("force-ssl-redirect", "true"))), ["web"]);

        var response = await cluster.HttpAsync("plain.example", "/x");

        Assert.That(response.StatusCode, Is.EqualTo(308), response.Summary);
        Assert.That(response.Headers.GetValueOrDefault("Location"), Is.EqualTo(HttpsLocation(cluster, "plain.example", "/x")));
    }

    [Test]
    public async Task Tls_entry_without_secret_name_is_redirected_too()
    {
        await using var cluster = await TlsCluster.StartAsync(TlsYaml.Ingress("nosecret", "nosecret.example", "web", secretName: null), ["web"]);

        var response = await cluster.HttpAsync("nosecret.example", "/x");

        Assert.That(response.StatusCode, Is.EqualTo(308), response.Summary);
        Assert.That(response.Headers.GetValueOrDefault("Location"), Is.EqualTo(HttpsLocation(cluster, "nosecret.example", "/x")));
    }

    [Test]
    public async Task Ssl_redirect_false_serves_a_tls_host_over_http_too()
    {
        await using var cluster = await TlsCluster.StartAsync(SecureHost(Annotations(("ssl-redirect", "false"))), ["web"]);

        ResponseAssert.ServedBy(await cluster.HttpAsync("secure.example", "/"), "web");
        ResponseAssert.ServedBy(await cluster.HttpsAsync("secure.example", "/"), "web");
    }

    [Test]
    public async Task Configmap_http_redirect_code_sets_the_redirect_status()
    {
        await using var cluster = await TlsCluster.StartAsync(TlsYaml.ConfigMap(("http-redirect-code", "301")) + SecureHost(), ["web"], TlsCluster.WithConfigMap);

        var response = await cluster.HttpAsync("secure.example", "/x");

        Assert.That(response.StatusCode, Is.EqualTo(301), response.Summary);
        Assert.That(response.Headers.GetValueOrDefault("Location"), Is.EqualTo(HttpsLocation(cluster, "secure.example", "/x")));
        Assert.That(cluster.LastResult!.Problems, Is.Empty);
    }

    [Test]
    public async Task Behind_a_load_balancer_that_ended_tls_a_request_it_forwarded_as_https_is_not_redirected_again()
    {
        await using var cluster = await TlsCluster.StartAsync(TlsYaml.ConfigMap(("use-forwarded-headers", "true")) + SecureHost(), ["web"], TlsCluster.WithConfigMap);

        var forwarded = await cluster.Client.SendAsync("GET", "secure.example", "/", headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });
        var plain = await cluster.HttpAsync("secure.example", "/");

        ResponseAssert.ServedBy(forwarded, "web");
        Assert.That(plain.StatusCode, Is.EqualTo(308), "a request the load balancer forwarded as http still is: " + plain.Summary);
    }

    [Test]
    public async Task Configmap_ssl_redirect_false_serves_tls_hosts_over_http_unless_the_annotation_says_otherwise()
    {
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.ConfigMap(("ssl-redirect", "false")) + SecureHost()
            + TlsYaml.Ingress("insisting", "insisting.example", "web", secretName: null, Annotations(("ssl-redirect", "true"))),
            ["web"], TlsCluster.WithConfigMap);

        var secure = await cluster.HttpAsync("secure.example", "/");
        var insisting = await cluster.HttpAsync("insisting.example", "/");

        ResponseAssert.ServedBy(secure, "web");
        Assert.That(insisting.StatusCode, Is.EqualTo(308), "the annotation wins over the ConfigMap: " + insisting.Summary);
    }

    [Test]
    public async Task Hsts_is_sent_over_https_only()
    {
        await using var cluster = await TlsCluster.StartAsync(SecureHost() + PlainHost(), ["web"]);

        var https = await cluster.HttpsAsync("secure.example", "/");
        var redirect = await cluster.HttpAsync("secure.example", "/");
        var plain = await cluster.HttpAsync("plain.example", "/");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(https.Headers.GetValueOrDefault("Strict-Transport-Security"), Is.EqualTo(DefaultHsts), https.Summary);
            Assert.That(redirect.StatusCode, Is.EqualTo(308), redirect.Summary);
            Assert.That(redirect.Headers, Does.Not.ContainKey("Strict-Transport-Security"), "the redirect is plain HTTP");
            Assert.That(plain.StatusCode, Is.EqualTo(200), plain.Summary);
            Assert.That(plain.Headers, Does.Not.ContainKey("Strict-Transport-Security"), "plain HTTP");
        }
    }

    /// <param name="expected">null: no Strict-Transport-Security header at all.</param>
    [TestCase("hsts", "false", null)]
    [TestCase("hsts-preload", "true", DefaultHsts + "; preload")]
    [TestCase("hsts-max-age", "600", "max-age=600; includeSubDomains")]
    [TestCase("hsts-include-subdomains", "false", "max-age=31536000")]
    public async Task Configmap_shapes_the_hsts_header(string key, string value, string? expected)
    {
        await using var cluster = await TlsCluster.StartAsync(TlsYaml.ConfigMap((key, value)) + SecureHost(), ["web"], TlsCluster.WithConfigMap);

        var response = await cluster.HttpsAsync("secure.example", "/");

        ResponseAssert.ServedBy(response, "web");
        Assert.That(response.Headers.GetValueOrDefault("Strict-Transport-Security"), Is.EqualTo(expected));
        Assert.That(cluster.LastResult!.Problems, Is.Empty);
    }
}
