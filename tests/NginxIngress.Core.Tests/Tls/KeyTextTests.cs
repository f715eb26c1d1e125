using System.Text;
using k8s.Models;
using NginxIngress.Core.Tls;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Core.Tests.Tls;

/// <summary>
/// Key material never leaves through text meant for people: not a certificate's ToString, not a fault (which
/// becomes an Event and a log line), whatever the Secret held and wherever it held the key.
/// </summary>
public sealed class KeyTextTests
{
    private static readonly TestCertificate Rsa = TestCertificates.SelfSigned("app.example.com", ["app.example.com"]);
    private static readonly TestCertificate Other = TestCertificates.SelfSigned("app.example.com", ["app.example.com"], ecdsa: true);

    private static IEnumerable<TestCaseData> FaultySecrets()
    {
        var key = Rsa.PrivateKeyPem;
        var pkcs1 = Rsa.Pkcs1PrivateKeyPem;
        yield return Case("key of another certificate", Other.CertificatePem, key);
        yield return Case("key of another certificate, PKCS#1", TestCertificates.SelfSigned("x", ["x"]).CertificatePem, pkcs1);
        yield return Case("key in tls.crt only", key, key);
        yield return Case("key in tls.crt, no tls.key", key, null);
        yield return Case("key in tls.key, no tls.crt", null, key);
        yield return Case("key in both, swapped", key, Rsa.CertificatePem);
        yield return Case("key with its base64 broken", Rsa.CertificatePem, key.Replace("-----END", "!!\n-----END", StringComparison.Ordinal));
        yield return Case("key with its label changed", Rsa.CertificatePem, key.Replace("PRIVATE KEY", "DSA PRIVATE KEY", StringComparison.Ordinal));
        yield return Case("key with its body corrupted", Rsa.CertificatePem, Corrupt(key));
        yield return Case("key without its end line", Rsa.CertificatePem, key[..key.IndexOf("-----END", StringComparison.Ordinal)]);
        yield return Case("key in StringData of another certificate", null, null, stringData: new() { ["tls.crt"] = Other.CertificatePem, ["tls.key"] = pkcs1 });
    }

    private static TestCaseData Case(string name, string? crt, string? key, Dictionary<string, string>? stringData = null)
    {
        var secret = TestCertificates.Secret("app", crt, key);
        secret.StringData = stringData;
        return new TestCaseData(secret).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(FaultySecrets))]
    public void Fault_never_contains_key_text(V1Secret secret)
    {
        var result = CertificateReader.Read(secret);

        Assert.That(result.Fault, Is.Not.Null);
        AssertNoKeyText(result.Fault!);
        AssertNoKeyText(result.ToString());
    }

    [Test]
    public void Certificate_to_string_names_it_without_key_text()
    {
        var result = CertificateReader.Read(Rsa.ToSecret("app"));
        var certificate = result.Certificate!;

        Assert.That(certificate.ToString(), Does.StartWith($"certificate CN=app.example.com (SHA-256 {Rsa.Sha256Fingerprint}, valid until "));
        AssertNoKeyText(certificate.ToString());
        AssertNoKeyText(result.ToString());
    }

    [Test]
    public void Certificate_without_cn_says_so_in_to_string()
    {
        var sanOnly = TestCertificates.SelfSigned("", ["san.example.com"], notAfter: new DateTimeOffset(2030, 5, 4, 3, 2, 1, TimeSpan.Zero));

        var certificate = CertificateReader.Read(sanOnly.ToSecret("san")).Certificate!;

        Assert.That(certificate.ToString(), Is.EqualTo($"certificate without CN (SHA-256 {sanOnly.Sha256Fingerprint}, valid until 2030-05-04)"));
    }

    /// <summary>Flips bits in the middle of the base64 body so it still decodes, to garbage.</summary>
    private static string Corrupt(string pem)
    {
        var text = new StringBuilder(pem);
        var middle = pem.Length / 2;
        for (var i = middle; i < middle + 8; i++)
        {
            text[i] = text[i] == 'A' ? 'B' : 'A';
        }
        return text.ToString();
    }

    private static void AssertNoKeyText(string text)
    {
        Assert.That(text, Does.Not.Contain("PRIVATE KEY"));
        foreach (var keyPem in new[] { Rsa.PrivateKeyPem, Rsa.Pkcs1PrivateKeyPem })
        {
            // Any 16 characters of a key's base64 body would be a leak; check slices across the whole body.
            var body = keyPem.Split('\n')[1..^2];
            foreach (var line in body)
            {
                for (var at = 0; at + 16 <= line.Length; at += 16)
                {
                    Assert.That(text, Does.Not.Contain(line.Substring(at, 16)));
                }
            }
        }
    }
}
