using System.Globalization;

namespace NginxIngress.Core.Tls;

/// <summary>
/// A certificate and its private key, read and checked (<see cref="CertificateReader"/>). Deliberately not a
/// record: a record's generated <c>ToString</c> would print <see cref="PrivateKeyPem"/> into any log line or
/// assertion message that shows this object.
/// </summary>
public sealed class TlsCertificate : IEquatable<TlsCertificate>
{
    /// <summary>
    /// The leaf first, then any chain certificates in the order tls.crt had them, each re-encoded from its DER
    /// as a PEM block with 64-column base64 and "\n" line ends, so the same certificates always give the same text.
    /// </summary>
    public required string CertificatePem { get; init; }

    /// <summary>The key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), whatever form the Secret held.</summary>
    public required string PrivateKeyPem { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The leaf's subject CN; "" if it has none.</summary>
    public required string CommonName { get; init; }

    /// <summary>The leaf's subjectAltName dNSName entries, in certificate order, lower-cased.</summary>
    public required IReadOnlyList<string> DnsNames { get; init; }

    /// <summary>SHA-256 of the leaf's DER, uppercase hex without separators.</summary>
    public required string Sha256Fingerprint { get; init; }

    /// <summary>
    /// Whether the leaf covers <paramref name="host"/>, as ingress-nginx decides whether to serve a host with
    /// this certificate or fall back to the default one: its <c>verifyHostname</c> (a copy of Go's pre-1.15
    /// <c>x509.VerifyHostname</c>, https://github.com/golang/go/issues/22922) matches the SAN DNS names, and
    /// the CN only when there are none. A wildcard stands for exactly one whole leftmost label. A host that is
    /// itself a wildcard (an Ingress rule's host may be) is covered by the identical wildcard name.
    /// </summary>
    public bool Covers(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (DnsNames.Count > 0)
        {
            return DnsNames.Any(name => NameCovers(name, host));
        }
        return NameCovers(CommonName, host);
    }

    /// <summary>Names the certificate for logs and messages; never shows key text.</summary>
    /// <summary>
    /// Equal when the certificate chain and the key are the same text: two reads of one Secret give equal models, so
    /// the same cluster always renders the same bundle.
    /// </summary>
    public bool Equals(TlsCertificate? other) =>
        other is not null && CertificatePem == other.CertificatePem && PrivateKeyPem == other.PrivateKeyPem;

    public override bool Equals(object? obj) => Equals(obj as TlsCertificate);

    public override int GetHashCode() => HashCode.Combine(Sha256Fingerprint, PrivateKeyPem.Length);

    public override string ToString()
    {
        var name = CommonName.Length > 0 ? $"CN={CommonName}" : "without CN";
        var until = NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"certificate {name} (SHA-256 {Sha256Fingerprint}, valid until {until})";
    }

    private static bool NameCovers(string name, string host)
    {
        if (name.Length == 0 || host.Length == 0)
        {
            return false;
        }
        if (string.Equals(name, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!name.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }
        // "*.example.com" stands for one label: compare ".example.com" with what follows the host's first
        // label, which must not be empty ("example.com" has no label in front; ".example.com" has an empty one).
        var firstDot = host.IndexOf('.', StringComparison.Ordinal);
        return firstDot > 0 && string.Equals(name[1..], host[firstDot..], StringComparison.OrdinalIgnoreCase);
    }
}
