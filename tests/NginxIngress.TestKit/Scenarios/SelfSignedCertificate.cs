using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// What a scenario's <c>&lt;GENERATED&gt;</c> Secret stands for: a self-signed RSA-2048 serverAuth certificate,
/// valid for a year, with the TLS entry's hosts as DNS SANs, PEM encoded.
/// </summary>
public static class SelfSignedCertificate
{
    public static (string CertificatePem, string KeyPem) Create(IReadOnlyCollection<string> hosts)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hosts.FirstOrDefault() ?? "localhost"}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
