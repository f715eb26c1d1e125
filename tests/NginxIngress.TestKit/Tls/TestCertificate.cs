using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;

namespace NginxIngress.TestKit.Tls;

/// <summary>
/// A real certificate and its key, made by <see cref="TestCertificates"/>, with the texts a Secret may hold.
/// Not a record, like the TlsCertificate it stands in for: no key text in assertion messages.
/// </summary>
public sealed class TestCertificate
{
    private readonly byte[] _pkcs8;

    internal TestCertificate(byte[] der, byte[] pkcs8, bool ecdsa, TestCertificate? issuer)
    {
        CertificateDer = der;
        _pkcs8 = pkcs8;
        IsEcdsa = ecdsa;
        Issuer = issuer;
    }

    public byte[] CertificateDer { get; }

    public bool IsEcdsa { get; }

    /// <summary>The certificate that signed this one; null for a self-signed one.</summary>
    public TestCertificate? Issuer { get; }

    /// <summary>This certificate alone, in the normalized PEM form TlsCertificate.CertificatePem uses.</summary>
    public string CertificatePem => PemEncoding.WriteString("CERTIFICATE", CertificateDer) + "\n";

    /// <summary>This certificate, then its issuer's chain: what a tls.crt holds, leaf first.</summary>
    public string ChainPem => CertificatePem + Issuer?.ChainPem;

    /// <summary>The key as PKCS#8 ("PRIVATE KEY"), the form TlsCertificate.PrivateKeyPem normalizes to.</summary>
    public string PrivateKeyPem => PemEncoding.WriteString("PRIVATE KEY", _pkcs8) + "\n";

    /// <summary>The RSA key as PKCS#1 ("RSA PRIVATE KEY"), as <c>openssl genrsa</c> of OpenSSL 1.x writes it.</summary>
    public string Pkcs1PrivateKeyPem
    {
        get
        {
            using var rsa = IsEcdsa ? throw new InvalidOperationException("an ECDSA key has no PKCS#1 form; use Sec1PrivateKeyPem") : RSA.Create();
            rsa.ImportPkcs8PrivateKey(_pkcs8, out _);
            return rsa.ExportRSAPrivateKeyPem() + "\n";
        }
    }

    /// <summary>The ECDSA key as SEC1 ("EC PRIVATE KEY"), as <c>openssl ecparam -genkey</c> writes it.</summary>
    public string Sec1PrivateKeyPem
    {
        get
        {
            using var ecdsa = IsEcdsa ? ECDsa.Create() : throw new InvalidOperationException("an RSA key has no SEC1 form; use Pkcs1PrivateKeyPem");
            ecdsa.ImportPkcs8PrivateKey(_pkcs8, out _);
            return ecdsa.ExportECPrivateKeyPem() + "\n";
        }
    }

    /// <summary>SHA-256 of the DER, uppercase hex without separators.</summary>
    public string Sha256Fingerprint => Convert.ToHexString(SHA256.HashData(CertificateDer));

    /// <summary>A <c>kubernetes.io/tls</c> Secret: tls.crt holds <see cref="ChainPem"/>, tls.key <see cref="PrivateKeyPem"/>.</summary>
    public V1Secret ToSecret(string name, string ns = "default") => TestCertificates.Secret(name, ChainPem, PrivateKeyPem, ns);

    /// <summary>A certificate signed by this one (which should be an <see cref="TestCertificates.Authority"/>).</summary>
    public TestCertificate Issue(string commonName, IEnumerable<string> dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool ecdsa = false) =>
        TestCertificates.Create(commonName, dnsNames, notBefore, notAfter, ecdsa, authority: false, issuer: this);

    /// <summary>This certificate's key, for signing what it issues.</summary>
    internal X509SignatureGenerator Signer(out IDisposable key)
    {
        if (IsEcdsa)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(_pkcs8, out _);
            key = ecdsa;
            return X509SignatureGenerator.CreateForECDsa(ecdsa);
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_pkcs8, out _);
        key = rsa;
        return X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
    }

    internal X500DistinguishedName SubjectName()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(CertificateDer);
        return certificate.SubjectName;
    }

    public override string ToString()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(CertificateDer);
        return $"test certificate {certificate.Subject} (SHA-256 {Sha256Fingerprint})";
    }
}
