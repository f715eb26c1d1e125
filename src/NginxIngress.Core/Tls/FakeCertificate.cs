using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NginxIngress.Core.Tls;

/// <summary>
/// ingress-nginx's default ("fake") certificate, served for TLS hosts without a usable certificate of their own
/// and on the catch-all server. Made like ingress-nginx's <c>ssl.GetFakeSSLCert</c>, so clients and scripts that
/// recognise that certificate by its subject keep doing so.
/// </summary>
public static class FakeCertificate
{
    public const string CommonName = "Kubernetes Ingress Controller Fake Certificate";

    private const string Organization = "Acme Co";
    private const string DnsName = "ingress.local";

    /// <summary>
    /// A new self-signed RSA 2048 certificate, valid from an hour before <paramref name="now"/> (a little clock
    /// skew must not make it "not yet valid") to a year after it. Generated once at start: the key is new each
    /// time, so never call it per reconcile, or every render would differ.
    /// </summary>
    public static TlsCertificate Generate(DateTimeOffset now)
    {
        // X.509 times have whole seconds; dropping the fraction here makes NotBefore/NotAfter exactly these.
        var second = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(DnsName);
        request.CertificateExtensions.Add(names.Build());

        using var certificate = request.CreateSelfSigned(second.AddHours(-1), second.AddYears(1));
        return CertificateReader.Describe([certificate], key).Certificate
            ?? throw new InvalidOperationException("the generated default certificate did not read back");
    }

    /// <summary>"CN=…, O=Acme Co", encoded O first then CN, the order Go's pkix.Name writes.</summary>
    private static X500DistinguishedName Subject()
    {
        // The builder encodes the attributes in the reverse of the order they are added.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(CommonName);
        subject.AddOrganizationName(Organization);
        return subject.Build();
    }
}
