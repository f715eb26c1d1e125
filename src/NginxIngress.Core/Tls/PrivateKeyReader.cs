using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace NginxIngress.Core.Tls;

/// <summary>
/// Reads the private key of tls.key in the forms OpenSSL writes and nginx reads: PKCS#8 ("PRIVATE KEY"),
/// PKCS#1 ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE KEY"). Only RSA and ECDSA: the key types
/// <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2"/> can pair with a certificate
/// to prove they match.
/// </summary>
internal static class PrivateKeyReader
{
    public const string Unreadable = "tls.key is not a PEM private key this controller can read (RSA or ECDSA)";

    private const string Encrypted = "tls.key is encrypted; the controller needs the private key unencrypted, as ingress-nginx did";
    private const string BadRsa = "tls.key holds an RSA private key that cannot be read";
    private const string BadEcdsa = "tls.key holds an ECDSA private key that cannot be read (corrupt, or on a curve this platform does not support)";

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>
    /// The first private key in <paramref name="text"/> (nginx, through OpenSSL's PEM_read_bio_PrivateKey, also
    /// takes the first), as a new <see cref="RSA"/> or <see cref="ECDsa"/> the caller disposes.
    /// </summary>
    public static bool TryRead(string text, [NotNullWhen(true)] out AsymmetricAlgorithm? key, [NotNullWhen(false)] out string? fault)
    {
        key = null;
        var blocks = PemBlock.Parse(text);
        try
        {
            // OpenSSL's "ecparam -genkey" writes an "EC PARAMETERS" block before the key: skip whatever is not a key.
            var block = blocks.FirstOrDefault(b => b.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal));
            if (block is null)
            {
                fault = NoKeyFault(text, blocks);
                return false;
            }
            fault = block.Label switch
            {
                "PRIVATE KEY" => ImportPkcs8(block.Der, out key),
                "RSA PRIVATE KEY" => Import(RSA.Create(), block.Der, BadRsa, out key, static (rsa, bytes) => rsa.ImportRSAPrivateKey(bytes, out _)),
                "EC PRIVATE KEY" => Import(ECDsa.Create(), block.Der, BadEcdsa, out key, static (ecdsa, bytes) => ecdsa.ImportECPrivateKey(bytes, out _)),
                "ENCRYPTED PRIVATE KEY" => Encrypted,
                _ => Unreadable,
            };
            return fault is null;
        }
        finally
        {
            // The decoded key bytes are garbage from here on; don't leave them for a heap dump.
            foreach (var b in blocks)
            {
                CryptographicOperations.ZeroMemory(b.Der);
            }
        }
    }

    private static string NoKeyFault(string text, IReadOnlyList<PemBlock> blocks)
    {
        // A legacy encrypted key ("Proc-Type: 4,ENCRYPTED" headers) is not RFC 7468 PEM, so it parses as no block.
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            return Encrypted;
        }
        if (blocks.Any(b => b.Label == "CERTIFICATE"))
        {
            return "tls.key holds a certificate, not a private key (are tls.crt and tls.key swapped?)";
        }
        return blocks.Count == 0 ? "tls.key is not a PEM private key" : "tls.key holds no private key";
    }

    private static string? ImportPkcs8(byte[] der, out AsymmetricAlgorithm? key)
    {
        key = null;
        // Dispatch on the algorithm identifier rather than trying every importer, so that a well-formed key of
        // another type (DSA, Ed25519...) says so instead of looking corrupt.
        switch (Pkcs8Algorithm(der))
        {
            case null:
                return "tls.key holds a PKCS#8 private key that cannot be parsed";
            case RsaOid:
                return Import(RSA.Create(), der, BadRsa, out key, static (rsa, bytes) => rsa.ImportPkcs8PrivateKey(bytes, out _));
            case EcPublicKeyOid:
                return Import(ECDsa.Create(), der, BadEcdsa, out key, static (ecdsa, bytes) => ecdsa.ImportPkcs8PrivateKey(bytes, out _));
            default:
                return Unreadable;
        }
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo (RFC 5208) or OneAsymmetricKey (RFC 5958).</summary>
    private static string? Pkcs8Algorithm(byte[] der)
    {
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            _ = info.ReadInteger();
            return info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs an importer, turning its CryptographicException into a fault. The exception's message is not used:
    /// the fault must be the same safe text whatever the input was.
    /// </summary>
    private static string? Import<T>(T algorithm, byte[] der, string badKey, out AsymmetricAlgorithm? key, Action<T, byte[]> import)
        where T : AsymmetricAlgorithm
    {
        try
        {
            import(algorithm, der);
            key = algorithm;
            return null;
        }
        catch (CryptographicException)
        {
            algorithm.Dispose();
            key = null;
            return badKey;
        }
    }
}
