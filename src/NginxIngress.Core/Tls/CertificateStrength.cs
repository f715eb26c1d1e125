using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NginxIngress.Core.Tls;

/// <summary>
/// What OpenSSL's default security level (2, on Debian 12) refuses in a server certificate: nginx would reject the
/// whole config on loading it ("ee key too small", "ca md too weak"), so such a certificate is treated as unusable
/// for its host before nginx ever sees it, and the host keeps serving with the default certificate.
/// </summary>
public static class CertificateStrength
{
    /// <summary>Verdicts by certificate instance: <see cref="CertificateReader"/> hands out one per Secret version.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TlsCertificate, Verdict> Verdicts = new();

    /// <summary>A reason the leaf is too weak, or null when OpenSSL at level 2 accepts it.</summary>
    public static string? Weakness(TlsCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Verdicts.GetValue(certificate, found => new Verdict(Check(found))).Weakness;
    }

    private sealed record Verdict(string? Weakness);

    private static string? Check(TlsCertificate certificate)
    {
        using var leaf = X509Certificate2.CreateFromPem(certificate.CertificatePem);
        using (var rsa = leaf.GetRSAPublicKey())
        {
            if (rsa is not null && rsa.KeySize < 2048)
            {
                return $"its RSA key has {rsa.KeySize} bits, and nginx's OpenSSL accepts no fewer than 2048";
            }
        }
        using (var ecdsa = leaf.GetECDsaPublicKey())
        {
            if (ecdsa is not null && ecdsa.KeySize < 224)
            {
                return $"its ECDSA key has {ecdsa.KeySize} bits, and nginx's OpenSSL accepts no fewer than 224";
            }
        }
        var signature = leaf.SignatureAlgorithm.FriendlyName ?? leaf.SignatureAlgorithm.Value ?? "";
        return signature.Contains("md5", StringComparison.OrdinalIgnoreCase) || signature.Contains("sha1", StringComparison.OrdinalIgnoreCase)
            ? $"it is signed with {signature}, which nginx's OpenSSL refuses"
            : null;
    }
}
