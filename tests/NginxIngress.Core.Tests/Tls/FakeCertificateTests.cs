using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NginxIngress.Core.Tls;

namespace NginxIngress.Core.Tests.Tls;

/// <summary>
/// The default certificate is ingress-nginx's "fake" one: same subject, same name, a year's validity, its own key.
/// </summary>
public sealed class FakeCertificateTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 30, 250, TimeSpan.Zero);
    private static readonly DateTimeOffset NowInSeconds = new(2025, 6, 1, 12, 0, 30, TimeSpan.Zero);
    private static readonly TlsCertificate Fake = FakeCertificate.Generate(Now);

    [Test]
    public void Fake_certificate_has_ingress_nginx_subject_in_go_order()
    {
        using var certificate = X509Certificate2.CreateFromPem(Fake.CertificatePem);

        var attributes = certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false)
            .Select(rdn => $"{rdn.GetSingleElementType().FriendlyName}={rdn.GetSingleElementValue()}");

        Assert.That(Fake.CommonName, Is.EqualTo("Kubernetes Ingress Controller Fake Certificate"));
        Assert.That(attributes, Is.EqualTo(new[] { "O=Acme Co", "CN=Kubernetes Ingress Controller Fake Certificate" }));
    }

    [Test]
    public void Fake_certificate_is_self_signed()
    {
        using var certificate = X509Certificate2.CreateFromPem(Fake.CertificatePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;

        Assert.That(certificate.SubjectName.RawData, Is.EqualTo(certificate.IssuerName.RawData));
        Assert.That(chain.Build(certificate), Is.True, "it verifies with only itself as the root");
    }

    [Test]
    public void Fake_certificate_is_valid_from_an_hour_ago_for_one_year()
    {
        Assert.That(Fake.NotBefore, Is.EqualTo(NowInSeconds.AddHours(-1)));
        Assert.That(Fake.NotAfter, Is.EqualTo(NowInSeconds.AddYears(1)));
    }

    [Test]
    public void Fake_certificate_has_its_rsa_2048_key()
    {
        Assert.That(Fake.PrivateKeyPem, Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
        using var certificate = X509Certificate2.CreateFromPem(Fake.CertificatePem, Fake.PrivateKeyPem);
        using var key = certificate.GetRSAPrivateKey();

        Assert.That(certificate.HasPrivateKey, Is.True);
        Assert.That(key?.KeySize, Is.EqualTo(2048));
    }

    [Test]
    public void Fake_certificate_is_for_server_authentication()
    {
        using var certificate = X509Certificate2.CreateFromPem(Fake.CertificatePem);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        var extended = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();

        Assert.That(usage.KeyUsages, Is.EqualTo(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment));
        Assert.That(extended.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value), Is.EqualTo(new[] { "1.3.6.1.5.5.7.3.1" }));
    }

    [Test]
    public void Fake_certificate_covers_ingress_local_only()
    {
        Assert.That(Fake.DnsNames, Is.EqualTo(new[] { "ingress.local" }));
        Assert.That(Fake.Covers("ingress.local"), Is.True);
        Assert.That(Fake.Covers("app.example.com"), Is.False);
        Assert.That(Fake.Covers(FakeCertificate.CommonName), Is.False, "its SAN name hides the CN");
    }

    [Test]
    public void Fake_certificate_fingerprint_is_of_its_der()
    {
        using var certificate = X509Certificate2.CreateFromPem(Fake.CertificatePem);

        Assert.That(Fake.Sha256Fingerprint, Is.EqualTo(Convert.ToHexString(SHA256.HashData(certificate.RawData))));
    }
}
