namespace NginxIngress.Core.Tls;

/// <summary>
/// What <see cref="CertificateReader"/> made of a Secret: exactly one of the two is set.
/// </summary>
/// <param name="Certificate">The certificate and key, when both read and match.</param>
/// <param name="Fault">
/// Why not, for users: it names the Secret's key (tls.crt, tls.key) and never quotes the Secret's content, so it
/// is safe in Events and logs.
/// </param>
public sealed record CertificateReadResult(TlsCertificate? Certificate, string? Fault)
{
    internal static CertificateReadResult Succeeded(TlsCertificate certificate) => new(certificate, null);

    internal static CertificateReadResult Failed(string fault) => new(null, fault);
}
