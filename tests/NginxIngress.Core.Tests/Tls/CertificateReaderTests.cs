using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using NginxIngress.Core.Tls;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Core.Tests.Tls;

/// <summary>
/// What a TLS Secret reads as: the certificate (leaf first), its names, and the key in PKCS#8 whatever form the
/// Secret held it in, or one precise fault naming the Secret's key.
/// </summary>
public sealed class CertificateReaderTests
{
    private static readonly DateTimeOffset From = new(2025, 3, 1, 8, 30, 15, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 3, 1, 8, 30, 15, TimeSpan.Zero);

    private static readonly TestCertificate Rsa = TestCertificates.SelfSigned("app.example.com", ["app.example.com", "www.example.com"], From, Until);
    private static readonly TestCertificate Ecdsa = TestCertificates.SelfSigned("ec.example.com", ["ec.example.com"], From, Until, ecdsa: true);
    private static readonly TestCertificate OtherRsa = TestCertificates.SelfSigned("app.example.com", ["app.example.com"]);

    [Test]
    public void Rsa_secret_reads_with_names_validity_and_fingerprint()
    {
        var certificate = Read(Rsa.ToSecret("app"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(certificate.CommonName, Is.EqualTo("app.example.com"));
            Assert.That(certificate.DnsNames, Is.EqualTo(new[] { "app.example.com", "www.example.com" }));
            Assert.That(certificate.NotBefore, Is.EqualTo(From));
            Assert.That(certificate.NotAfter, Is.EqualTo(Until));
            Assert.That(certificate.NotAfter.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(certificate.Sha256Fingerprint, Is.EqualTo(Rsa.Sha256Fingerprint));
            Assert.That(certificate.Sha256Fingerprint, Does.Match("^[0-9A-F]{64}$"));
            Assert.That(certificate.CertificatePem, Is.EqualTo(Rsa.CertificatePem));
            Assert.That(certificate.PrivateKeyPem, Is.EqualTo(Rsa.PrivateKeyPem));
        }
    }

    [Test]
    public void Ecdsa_secret_reads()
    {
        var certificate = Read(Ecdsa.ToSecret("ec"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(certificate.CommonName, Is.EqualTo("ec.example.com"));
            Assert.That(certificate.DnsNames, Is.EqualTo(new[] { "ec.example.com" }));
            Assert.That(certificate.Sha256Fingerprint, Is.EqualTo(Ecdsa.Sha256Fingerprint));
            Assert.That(certificate.PrivateKeyPem, Is.EqualTo(Ecdsa.PrivateKeyPem));
        }
    }

    private static IEnumerable<TestCaseData> KeyForms()
    {
        yield return new TestCaseData(Rsa, Rsa.PrivateKeyPem).SetArgDisplayNames("RSA PKCS#8");
        yield return new TestCaseData(Rsa, Rsa.Pkcs1PrivateKeyPem).SetArgDisplayNames("RSA PKCS#1");
        yield return new TestCaseData(Ecdsa, Ecdsa.PrivateKeyPem).SetArgDisplayNames("ECDSA PKCS#8");
        yield return new TestCaseData(Ecdsa, Ecdsa.Sec1PrivateKeyPem).SetArgDisplayNames("ECDSA SEC1");
        yield return new TestCaseData(Ecdsa, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + Ecdsa.Sec1PrivateKeyPem)
            .SetArgDisplayNames("ECDSA SEC1 after EC PARAMETERS, as openssl ecparam -genkey writes it");
        yield return new TestCaseData(Rsa, Rsa.Pkcs1PrivateKeyPem.Replace("\n", "\r\n", StringComparison.Ordinal))
            .SetArgDisplayNames("RSA PKCS#1 with CRLF line ends");
    }

    [TestCaseSource(nameof(KeyForms))]
    public void Every_key_form_reads_and_is_normalized_to_pkcs8(TestCertificate issued, string keyPem)
    {
        var certificate = Read(TestCertificates.Secret("app", issued.CertificatePem, keyPem));

        Assert.That(certificate.PrivateKeyPem, Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
        Assert.That(certificate.PrivateKeyPem, Is.EqualTo(issued.PrivateKeyPem));
    }

    [Test]
    public void Key_of_another_certificate_is_a_mismatch()
    {
        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem, OtherRsa.PrivateKeyPem));

        Assert.That(fault, Is.EqualTo("tls.key does not match the certificate in tls.crt"));
    }

    [Test]
    public void Key_of_another_type_is_a_mismatch_that_names_both_types()
    {
        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem, Ecdsa.PrivateKeyPem));

        Assert.That(fault, Is.EqualTo("tls.key does not match the certificate in tls.crt (an ECDSA key for an RSA certificate)"));
    }

    private static IEnumerable<TestCaseData> NotPem()
    {
        var random = new byte[600];
        new Random(7).NextBytes(random);
        yield return new TestCaseData(random).SetArgDisplayNames("random bytes");
        yield return new TestCaseData(Rsa.CertificateDer).SetArgDisplayNames("DER");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("app.example.com certificate goes here\n")).SetArgDisplayNames("plain text");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"))
            .SetArgDisplayNames("a block whose body is not base64");
        yield return new TestCaseData(Encoding.ASCII.GetBytes(Rsa.CertificatePem.Replace("-----END CERTIFICATE-----", "", StringComparison.Ordinal)))
            .SetArgDisplayNames("a block without its end line");
    }

    [TestCaseSource(nameof(NotPem))]
    public void Certificate_that_is_not_pem_is_a_fault(byte[] crt)
    {
        var fault = Fault(TestCertificates.Secret("app", crt, Encoding.ASCII.GetBytes(Rsa.PrivateKeyPem)));

        Assert.That(fault, Is.EqualTo("tls.crt is not a PEM certificate"));
    }

    [TestCaseSource(nameof(NotPem))]
    public void Key_that_is_not_pem_is_a_fault(byte[] key)
    {
        var fault = Fault(TestCertificates.Secret("app", Encoding.ASCII.GetBytes(Rsa.CertificatePem), key));

        Assert.That(fault, Is.EqualTo("tls.key is not a PEM private key"));
    }

    [Test]
    public void Certificate_block_whose_der_is_not_x509_is_a_fault()
    {
        var notX509 = PemEncoding.WriteString("CERTIFICATE", [0x30, 0x03, 0x02, 0x01, 0x01]) + "\n";

        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem + notX509, Rsa.PrivateKeyPem));

        Assert.That(fault, Is.EqualTo("tls.crt holds a CERTIFICATE block that is not a valid X.509 certificate (certificate 2 of 2)"));
    }

    [Test]
    public void Certificate_text_holding_only_a_key_holds_no_certificate()
    {
        var fault = Fault(TestCertificates.Secret("app", Rsa.PrivateKeyPem, Rsa.PrivateKeyPem));

        Assert.That(fault, Is.EqualTo("tls.crt holds no certificate"));
    }

    [Test]
    public void Swapped_certificate_and_key_say_so()
    {
        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem, Rsa.CertificatePem));

        Assert.That(fault, Is.EqualTo("tls.key holds a certificate, not a private key (are tls.crt and tls.key swapped?)"));
    }

    private static IEnumerable<TestCaseData> Missing()
    {
        var crt = Encoding.ASCII.GetBytes(Rsa.CertificatePem);
        var key = Encoding.ASCII.GetBytes(Rsa.PrivateKeyPem);
        yield return new TestCaseData(null, key, "has no tls.crt").SetArgDisplayNames("no tls.crt");
        yield return new TestCaseData(crt, null, "has no tls.key").SetArgDisplayNames("no tls.key");
        yield return new TestCaseData(null, null, "has no tls.crt").SetArgDisplayNames("neither");
        yield return new TestCaseData(Array.Empty<byte>(), key, "tls.crt is empty").SetArgDisplayNames("empty tls.crt");
        yield return new TestCaseData(crt, "\n  \n"u8.ToArray(), "tls.key is empty").SetArgDisplayNames("blank tls.key");
    }

    [TestCaseSource(nameof(Missing))]
    public void Missing_or_empty_value_is_a_fault_naming_it(byte[]? crt, byte[]? key, string expected)
    {
        Assert.That(Fault(TestCertificates.Secret("app", crt, key)), Is.EqualTo(expected));
    }

    [Test]
    public void Secret_without_data_has_no_tls_crt()
    {
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "empty", NamespaceProperty = "default" }, Type = "kubernetes.io/tls" };

        Assert.That(Fault(secret), Is.EqualTo("has no tls.crt"));
    }

    [Test]
    public void Chain_is_kept_in_order_and_the_leaf_first_is_the_one_inspected()
    {
        var authority = TestCertificates.Authority("Test CA");
        var leaf = authority.Issue("shop.example.com", ["shop.example.com"], From, Until);

        var certificate = Read(leaf.ToSecret("shop"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(certificate.CommonName, Is.EqualTo("shop.example.com"));
            Assert.That(certificate.DnsNames, Is.EqualTo(new[] { "shop.example.com" }));
            Assert.That(certificate.Sha256Fingerprint, Is.EqualTo(leaf.Sha256Fingerprint));
            Assert.That(certificate.NotAfter, Is.EqualTo(Until));
            Assert.That(certificate.CertificatePem, Is.EqualTo(leaf.CertificatePem + authority.CertificatePem));
        }
    }

    [Test]
    public void Chain_with_an_ecdsa_leaf_under_an_rsa_authority_reads()
    {
        var authority = TestCertificates.Authority("RSA CA");
        var leaf = authority.Issue("ec.example.com", ["ec.example.com"], ecdsa: true);

        var certificate = Read(leaf.ToSecret("ec"));

        Assert.That(certificate.Sha256Fingerprint, Is.EqualTo(leaf.Sha256Fingerprint));
    }

    [Test]
    public void Certificate_text_is_normalized_and_text_around_blocks_is_dropped()
    {
        var authority = TestCertificates.Authority("Test CA");
        var leaf = authority.Issue("shop.example.com", ["shop.example.com"]);
        var crt = "subject=CN = shop.example.com\r\n" + leaf.CertificatePem.Replace("\n", "\r\n", StringComparison.Ordinal)
            + "\r\n# intermediate\r\n" + authority.CertificatePem.Replace("\n", "\r\n", StringComparison.Ordinal);

        var certificate = Read(TestCertificates.Secret("shop", crt, leaf.PrivateKeyPem));

        Assert.That(certificate.CertificatePem, Is.EqualTo(leaf.CertificatePem + authority.CertificatePem));
    }

    [Test]
    public void Key_pasted_into_tls_crt_never_reaches_the_certificate_pem()
    {
        var certificate = Read(TestCertificates.Secret("app", Rsa.CertificatePem + Rsa.PrivateKeyPem, Rsa.PrivateKeyPem));

        Assert.That(certificate.CertificatePem, Is.EqualTo(Rsa.CertificatePem));
    }

    [Test]
    public void Expired_certificate_still_reads_because_the_reader_has_no_clock()
    {
        var expired = TestCertificates.SelfSigned("old.example.com", ["old.example.com"], new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var certificate = Read(expired.ToSecret("old"));

        Assert.That(certificate.NotAfter, Is.EqualTo(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void String_data_is_read()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
            Type = "kubernetes.io/tls",
            StringData = new Dictionary<string, string> { ["tls.crt"] = Rsa.CertificatePem, ["tls.key"] = Rsa.Pkcs1PrivateKeyPem },
        };

        Assert.That(Read(secret).Sha256Fingerprint, Is.EqualTo(Rsa.Sha256Fingerprint));
    }

    [Test]
    public void String_data_wins_over_data_as_the_api_server_merges_them()
    {
        var secret = Ecdsa.ToSecret("app");
        secret.StringData = new Dictionary<string, string> { ["tls.crt"] = Rsa.CertificatePem, ["tls.key"] = Rsa.PrivateKeyPem };

        Assert.That(Read(secret).Sha256Fingerprint, Is.EqualTo(Rsa.Sha256Fingerprint));
    }

    [Test]
    public void String_data_and_data_may_each_hold_one_of_the_two()
    {
        var secret = TestCertificates.Secret("app", Rsa.CertificatePem, null);
        secret.StringData = new Dictionary<string, string> { ["tls.key"] = Rsa.PrivateKeyPem };

        Assert.That(Read(secret).Sha256Fingerprint, Is.EqualTo(Rsa.Sha256Fingerprint));
    }

    [Test]
    public void Certificate_without_subject_alternative_names_reads_with_no_dns_names()
    {
        var cnOnly = TestCertificates.SelfSigned("legacy.example.com", []);

        var certificate = Read(cnOnly.ToSecret("legacy"));

        Assert.That(certificate.DnsNames, Is.Empty);
        Assert.That(certificate.CommonName, Is.EqualTo("legacy.example.com"));
    }

    [Test]
    public void Certificate_without_common_name_reads_with_an_empty_one()
    {
        var sanOnly = TestCertificates.SelfSigned("", ["san.example.com"]);

        var certificate = Read(sanOnly.ToSecret("san"));

        Assert.That(certificate.CommonName, Is.Empty);
        Assert.That(certificate.DnsNames, Is.EqualTo(new[] { "san.example.com" }));
    }

    [Test]
    public void Dns_names_are_lower_cased()
    {
        var mixed = TestCertificates.SelfSigned("Mixed.Example.com", ["Mixed.Example.COM", "*.Apps.example.com"]);

        var certificate = Read(mixed.ToSecret("mixed"));

        Assert.That(certificate.DnsNames, Is.EqualTo(new[] { "mixed.example.com", "*.apps.example.com" }));
    }

    internal static TlsCertificate Read(V1Secret secret)
    {
        var result = CertificateReader.Read(secret);
        Assert.That(result.Fault, Is.Null);
        return result.Certificate!;
    }

    internal static string Fault(V1Secret secret)
    {
        var result = CertificateReader.Read(secret);
        Assert.That(result.Certificate, Is.Null);
        return result.Fault!;
    }
}
