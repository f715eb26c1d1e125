using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;

namespace NginxIngress.Core.Tls;

/// <summary>
/// Reads the tls.crt and tls.key of a Secret into a <see cref="TlsCertificate"/>, or says precisely why it cannot.
/// Pure: no I/O and no clock, so an expired certificate still reads (whether to serve it is the caller's call).
/// Faults never quote the Secret's content nor an exception's message, which could echo it.
/// </summary>
public static class CertificateReader
{
    private const string CertificateKey = "tls.crt";
    private const string PrivateKeyKey = "tls.key";

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string CommonNameOid = "2.5.4.3";
    private const string SubjectAltNameOid = "2.5.29.17";

    /// <summary>
    /// Results by Secret instance. The store hands out the same instance until the Secret changes, and every
    /// reconcile reads every TLS Secret: parsing each key again would cost a millisecond per host each time.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<V1Secret, CertificateReadResult> Reads = new();

    /// <summary>The Secret's certificate; read once per Secret instance (objects from the store are never changed in place).</summary>
    public static CertificateReadResult Read(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Reads.GetValue(secret, ReadUncached);
    }

    private static CertificateReadResult ReadUncached(V1Secret secret)
    {
        var certificateText = Value(secret, CertificateKey);
        var keyText = Value(secret, PrivateKeyKey);
        if (certificateText is null)
        {
            return CertificateReadResult.Failed($"has no {CertificateKey}");
        }
        if (keyText is null)
        {
            return CertificateReadResult.Failed($"has no {PrivateKeyKey}");
        }
        if (string.IsNullOrWhiteSpace(certificateText))
        {
            return CertificateReadResult.Failed($"{CertificateKey} is empty");
        }
        if (string.IsNullOrWhiteSpace(keyText))
        {
            return CertificateReadResult.Failed($"{PrivateKeyKey} is empty");
        }

        var chain = new List<X509Certificate2>();
        try
        {
            var chainFault = ReadChain(certificateText, chain);
            if (chainFault is not null)
            {
                return CertificateReadResult.Failed(chainFault);
            }
            if (!PrivateKeyReader.TryRead(keyText, out var key, out var keyFault))
            {
                return CertificateReadResult.Failed(keyFault);
            }
            using (key)
            {
                var mismatch = Mismatch(chain[0], key);
                return mismatch is not null
                    ? CertificateReadResult.Failed(mismatch)
                    : Describe(chain, key);
            }
        }
        finally
        {
            foreach (var certificate in chain)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>
    /// The <see cref="TlsCertificate"/> of a leaf (<paramref name="chain"/>[0]) and the key already proven to match it.
    /// Shared with <see cref="FakeCertificate"/>, so the default certificate is described exactly as a Secret's is.
    /// </summary>
    internal static CertificateReadResult Describe(IReadOnlyList<X509Certificate2> chain, AsymmetricAlgorithm key)
    {
        var leaf = chain[0];
        var dnsNames = DnsNames(leaf);
        if (dnsNames is null)
        {
            return CertificateReadResult.Failed($"{CertificateKey}: the certificate's subjectAltName extension cannot be read");
        }
        return CertificateReadResult.Succeeded(new TlsCertificate
        {
            CertificatePem = string.Concat(chain.Select(certificate => PemBlock.Write("CERTIFICATE", certificate.RawData))),
            PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() + "\n",
            // X509Certificate2 gives local DateTimes; ToUniversalTime restores the instant (even in an ambiguous
            // DST hour: such a DateTime carries the flag that says which one).
            NotBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime()),
            NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime()),
            CommonName = CommonName(leaf),
            DnsNames = dnsNames.Value,
            Sha256Fingerprint = Convert.ToHexString(SHA256.HashData(leaf.RawData)),
        });
    }

    /// <summary>
    /// The Secret's value for <paramref name="name"/>, or null when it has none. stringData wins over data, as the
    /// API server merges them on write; a manifest read from files has not been through one.
    /// </summary>
    private static string? Value(V1Secret secret, string name)
    {
        if (secret.StringData is { } strings && strings.TryGetValue(name, out var text) && text is not null)
        {
            return text;
        }
        return secret.Data is { } data && data.TryGetValue(name, out var bytes) && bytes is not null
            ? PemBlock.Text(bytes)
            : null;
    }

    /// <summary>
    /// Loads every CERTIFICATE block of tls.crt into <paramref name="chain"/>, leaf first, as nginx's
    /// ssl_certificate file takes them. Other blocks (a key pasted in by mistake) are left out, so they never
    /// reach a file we write.
    /// </summary>
    private static string? ReadChain(string text, List<X509Certificate2> chain)
    {
        var blocks = PemBlock.Parse(text);
        if (blocks.Count == 0)
        {
            return $"{CertificateKey} is not a PEM certificate";
        }
        var certificates = blocks.Where(block => block.Label == "CERTIFICATE").ToList();
        if (certificates.Count == 0)
        {
            return $"{CertificateKey} holds no certificate";
        }
        for (var i = 0; i < certificates.Count; i++)
        {
            try
            {
                chain.Add(X509CertificateLoader.LoadCertificate(certificates[i].Der));
            }
            catch (CryptographicException)
            {
                var which = certificates.Count == 1 ? "its certificate" : $"certificate {i + 1} of {certificates.Count}";
                return $"{CertificateKey} holds a CERTIFICATE block that is not a valid X.509 certificate ({which})";
            }
        }
        return null;
    }

    /// <summary>
    /// Null when <paramref name="key"/> is the private half of the leaf's public key. CopyWithPrivateKey is the
    /// platform's own check (ArgumentException on a mismatch); the copy itself is not needed.
    /// </summary>
    private static string? Mismatch(X509Certificate2 leaf, AsymmetricAlgorithm key)
    {
        var leafType = leaf.PublicKey.Oid.Value switch
        {
            RsaOid => "RSA",
            EcPublicKeyOid => "ECDSA",
            _ => null,
        };
        if (leafType is null)
        {
            return $"{CertificateKey}: the certificate's public key is not RSA or ECDSA, which this controller can read";
        }
        var keyType = key is RSA ? "RSA" : "ECDSA";
        if (keyType != leafType)
        {
            return $"{PrivateKeyKey} does not match the certificate in {CertificateKey} (an {keyType} key for an {leafType} certificate)";
        }
        try
        {
            using var paired = key switch
            {
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                ECDsa ecdsa => leaf.CopyWithPrivateKey(ecdsa),
                _ => throw new UnreachableException("PrivateKeyReader returns only RSA or ECDsa"),
            };
            return null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return $"{PrivateKeyKey} does not match the certificate in {CertificateKey}";
        }
    }

    /// <summary>The last CN of the subject, as Go's crypto/x509 (and so ingress-nginx) takes it; "" if none.</summary>
    private static string CommonName(X509Certificate2 leaf)
    {
        var commonName = "";
        foreach (var rdn in leaf.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            // Multi-valued RDNs are next to unheard of in server certificates; skipping them keeps this simple.
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
            {
                commonName = rdn.GetSingleElementValue() ?? commonName;
            }
        }
        return commonName;
    }

    /// <summary>The SAN dNSName entries, lower-cased as ingress-nginx compares them; null when the extension is malformed.</summary>
    private static ImmutableArray<string>? DnsNames(X509Certificate2 leaf)
    {
        var extension = leaf.Extensions.FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
        if (extension is null)
        {
            return ImmutableArray<string>.Empty;
        }
        try
        {
            var names = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            return [.. names.EnumerateDnsNames().Select(name => name.ToLowerInvariant())];
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
