using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace NginxIngress.TestKit.Tls;

/// <summary>
/// Real certificates for tests, made with CertificateRequest: self-signed leaves, authorities and the leaves they
/// issue, and the kubernetes.io/tls Secrets that carry them. Each call makes a new key (RSA 2048 takes tens of
/// milliseconds), so a test class keeps the ones it needs in static fields.
/// </summary>
public static class TestCertificates
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <param name="commonName">"" for a subject without CN.</param>
    /// <param name="dnsNames">The SAN dNSName entries, as given (case kept); none leaves the SAN extension out.</param>
    /// <param name="notBefore">Default: an hour ago.</param>
    /// <param name="notAfter">Default: 90 days from now.</param>
    /// <param name="ecdsa">A P-256 key instead of RSA 2048.</param>
    public static TestCertificate SelfSigned(string commonName, IEnumerable<string> dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool ecdsa = false) =>
        Create(commonName, dnsNames, notBefore, notAfter, ecdsa, authority: false, issuer: null);

    /// <summary>A self-signed CA, valid from a day ago for ten years, to <see cref="TestCertificate.Issue"/> leaves and build chains.</summary>
    public static TestCertificate Authority(string commonName, bool ecdsa = false) =>
        Create(commonName, [], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10), ecdsa, authority: true, issuer: null);

    /// <summary>A <c>kubernetes.io/tls</c> Secret with these texts; a null one leaves its key out of Data.</summary>
    public static V1Secret Secret(string name, string? certificatePem, string? keyPem, string ns = "default") =>
        Secret(name, certificatePem is null ? null : Encoding.ASCII.GetBytes(certificatePem), keyPem is null ? null : Encoding.ASCII.GetBytes(keyPem), ns);

    /// <summary>A <c>kubernetes.io/tls</c> Secret with these bytes (DER, random, anything); a null one leaves its key out of Data.</summary>
    public static V1Secret Secret(string name, byte[]? certificate, byte[]? key, string ns = "default")
    {
        var data = new Dictionary<string, byte[]>();
        if (certificate is not null)
        {
            data["tls.crt"] = certificate;
        }
        if (key is not null)
        {
            data["tls.key"] = key;
        }
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Type = "kubernetes.io/tls",
            Data = data,
        };
    }

    internal static TestCertificate Create(
        string commonName, IEnumerable<string> dnsNames, DateTimeOffset? notBefore, DateTimeOffset? notAfter, bool ecdsa, bool authority, TestCertificate? issuer)
    {
        var now = DateTimeOffset.UtcNow;
        var from = notBefore ?? now.AddHours(-1);
        var until = notAfter ?? now.AddDays(90);
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var subjectBuilder = new X500DistinguishedNameBuilder();
        if (commonName.Length > 0)
        {
            subjectBuilder.AddCommonName(commonName);
        }
        var subject = subjectBuilder.Build();
        var request = key is ECDsa ec
            ? new CertificateRequest(subject, ec, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddExtensions(request, dnsNames, authority);

        byte[] der;
        if (issuer is null)
        {
            using var certificate = request.CreateSelfSigned(from, until);
            der = certificate.RawData;
        }
        else
        {
            var signer = issuer.Signer(out var issuerKey);
            using (issuerKey)
            {
                using var certificate = request.Create(issuer.SubjectName(), signer, from, until, Serial());
                der = certificate.RawData;
            }
        }
        return new TestCertificate(der, key.ExportPkcs8PrivateKey(), ecdsa, issuer);
    }

    private static void AddExtensions(CertificateRequest request, IEnumerable<string> dnsNames, bool authority)
    {
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (authority)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
            return;
        }
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));
        var names = dnsNames.ToList();
        if (names.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names)
            {
                san.AddDnsName(name);
            }
            request.CertificateExtensions.Add(san.Build());
        }
    }

    /// <summary>A random positive 16-byte serial, as CAs make them.</summary>
    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
