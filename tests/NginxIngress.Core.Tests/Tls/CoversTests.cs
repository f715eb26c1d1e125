using NginxIngress.Core.Tls;
using NginxIngress.TestKit.Tls;
using static NginxIngress.Core.Tests.Tls.CertificateReaderTests;

namespace NginxIngress.Core.Tests.Tls;

/// <summary>
/// Which hosts a certificate covers, as ingress-nginx decides between a Secret's certificate and the default one
/// (controller.go verifyHostname): the SAN DNS names, the CN only when there are none, a wildcard for one label.
/// </summary>
public sealed class CoversTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        string[] app = ["app.example.com"];
        string[] wildcard = ["*.example.com"];
        yield return Case(app, "", "app.example.com", true, "Exact SAN name covers its host");
        yield return Case(app, "", "APP.Example.com", true, "Matching is case-insensitive in the host");
        yield return Case(["App.Example.COM"], "", "app.example.com", true, "Matching is case-insensitive in the name");
        yield return Case(app, "", "www.example.com", false, "Another name is not covered");
        yield return Case(app, "", "example.com", false, "The parent domain is not covered");
        yield return Case(app, "", "x.app.example.com", false, "A subdomain of an exact name is not covered");
        yield return Case(["a.example.com", "b.example.com"], "", "b.example.com", true, "Any SAN name may cover the host");
        yield return Case(wildcard, "", "a.example.com", true, "Wildcard covers one label");
        yield return Case(wildcard, "", "A.EXAMPLE.COM", true, "Wildcard matching is case-insensitive");
        yield return Case(wildcard, "", "example.com", false, "Wildcard does not cover the bare domain");
        yield return Case(wildcard, "", "a.b.example.com", false, "Wildcard does not cover two labels");
        yield return Case(wildcard, "", ".example.com", false, "Wildcard does not cover an empty label");
        yield return Case(wildcard, "", "a.example.org", false, "Wildcard does not cover another domain");
        yield return Case(wildcard, "", "*.example.com", true, "Wildcard host is covered by the identical wildcard");
        yield return Case(["*.Example.com"], "", "*.example.COM", true, "Wildcard host matches a wildcard name case-insensitively");
        yield return Case(app, "", "*.example.com", false, "Wildcard host is not covered by one name under it");
        yield return Case(["*.a.example.com"], "", "*.example.com", false, "Wildcard host is not covered by a narrower wildcard");
        yield return Case(["*.com"], "", "*.example.com", false, "Wildcard host is not covered by a wider wildcard");
        yield return Case(["a*.example.com"], "", "ab.example.com", false, "A partial-label wildcard is not a wildcard");
        yield return Case([], "legacy.example.com", "legacy.example.com", true, "Without SAN DNS names the CN is used");
        yield return Case([], "*.example.com", "a.example.com", true, "Without SAN DNS names a wildcard CN is used");
        yield return Case(app, "legacy.example.com", "legacy.example.com", false, "With SAN DNS names the CN is ignored");
        yield return Case([], "", "app.example.com", false, "Without any name nothing is covered");
        yield return Case(app, "", "", false, "An empty host is not covered");
    }

    private static TestCaseData Case(string[] dnsNames, string commonName, string host, bool covered, string name) =>
        new TestCaseData(dnsNames, commonName, host).Returns(covered).SetName(name);

    [TestCaseSource(nameof(Cases))]
    public bool Covers_follows_ingress_nginx(string[] dnsNames, string commonName, string host) =>
        Certificate(dnsNames, commonName).Covers(host);

    [Test]
    public void Real_certificate_with_san_names_does_not_cover_its_cn()
    {
        var issued = TestCertificates.SelfSigned("legacy.example.com", ["app.example.com", "*.apps.example.com"]);

        var certificate = Read(issued.ToSecret("app"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(certificate.Covers("app.example.com"), Is.True);
            Assert.That(certificate.Covers("shop.apps.example.com"), Is.True);
            Assert.That(certificate.Covers("legacy.example.com"), Is.False, "the CN is not among the SAN names");
        }
    }

    [Test]
    public void Real_certificate_without_san_covers_its_cn()
    {
        var issued = TestCertificates.SelfSigned("legacy.example.com", []);

        var certificate = Read(issued.ToSecret("legacy"));

        Assert.That(certificate.Covers("legacy.example.com"), Is.True);
        Assert.That(certificate.Covers("other.example.com"), Is.False);
    }

    private static TlsCertificate Certificate(string[] dnsNames, string commonName) => new()
    {
        CertificatePem = "",
        PrivateKeyPem = "",
        NotBefore = DateTimeOffset.UnixEpoch,
        NotAfter = DateTimeOffset.UnixEpoch,
        CommonName = commonName,
        DnsNames = dnsNames,
        Sha256Fingerprint = "",
    };
}
