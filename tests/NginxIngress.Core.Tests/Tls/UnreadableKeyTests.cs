using System.Security.Cryptography;
using NginxIngress.TestKit.Tls;
using static NginxIngress.Core.Tests.Tls.CertificateReaderTests;

namespace NginxIngress.Core.Tests.Tls;

/// <summary>
/// Keys nginx could perhaps load but this controller cannot pair with a certificate (anything but RSA and ECDSA),
/// and encrypted keys, which ingress-nginx could not use either, each get a fault that says which.
/// </summary>
public sealed class UnreadableKeyTests
{
    private const string Unreadable = "tls.key is not a PEM private key this controller can read (RSA or ECDSA)";

    /// <summary>The Ed25519 private key of RFC 8410, section 10.3.</summary>
    private const string Ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";

    private static readonly TestCertificate Rsa = TestCertificates.SelfSigned("app.example.com", ["app.example.com"]);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Ed25519, Unreadable).SetArgDisplayNames("Ed25519 PKCS#8");
        using (var dsa = DSA.Create(1024))
        {
            yield return new TestCaseData(dsa.ExportPkcs8PrivateKeyPem(), Unreadable).SetArgDisplayNames("DSA PKCS#8");
        }
        yield return new TestCaseData(Block("DSA PRIVATE KEY", [0x30, 0x00]), Unreadable).SetArgDisplayNames("DSA traditional");
        yield return new TestCaseData(Block("OPENSSH PRIVATE KEY", [0x6f, 0x70, 0x65, 0x6e]), Unreadable).SetArgDisplayNames("OpenSSH");
        yield return new TestCaseData(Block("PRIVATE KEY", [0x04, 0x02, 0x01, 0x02]), "tls.key holds a PKCS#8 private key that cannot be parsed")
            .SetArgDisplayNames("PKCS#8 that is not a PrivateKeyInfo");
        yield return new TestCaseData(Block("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x00]), "tls.key holds an RSA private key that cannot be read")
            .SetArgDisplayNames("corrupt PKCS#1");
        yield return new TestCaseData(Block("EC PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x01]),
            "tls.key holds an ECDSA private key that cannot be read (corrupt, or on a curve this platform does not support)")
            .SetArgDisplayNames("corrupt SEC1");
        yield return new TestCaseData(Block("CERTIFICATE REQUEST", [0x30, 0x00]), "tls.key holds no private key").SetArgDisplayNames("a CSR");
    }

    [TestCaseSource(nameof(Cases))]
    public void Key_this_controller_cannot_read_gets_a_fault_saying_why(string keyPem, string expected)
    {
        Assert.That(Fault(TestCertificates.Secret("app", Rsa.CertificatePem, keyPem)), Is.EqualTo(expected));
    }

    [Test]
    public void Encrypted_pkcs8_key_is_a_fault()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Rsa.PrivateKeyPem);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem, encrypted));

        Assert.That(fault, Is.EqualTo("tls.key is encrypted; the controller needs the private key unencrypted, as ingress-nginx did"));
    }

    [Test]
    public void Legacy_encrypted_key_with_proc_type_header_is_a_fault()
    {
        var legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
            + "MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----\n";

        var fault = Fault(TestCertificates.Secret("app", Rsa.CertificatePem, legacy));

        Assert.That(fault, Is.EqualTo("tls.key is encrypted; the controller needs the private key unencrypted, as ingress-nginx did"));
    }

    private static string Block(string label, byte[] der) => PemEncoding.WriteString(label, der) + "\n";
}
