using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>A bare TLS handshake with nginx, for what a request cannot show: which certificate a client without SNI gets.</summary>
internal static class TlsHandshake
{
    /// <summary>The subject CN of ingress-nginx's generated default certificate, which clients and scripts recognise it by.</summary>
    public const string FakeCommonName = "Kubernetes Ingress Controller Fake Certificate";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A full handshake (no session resumption) with <paramref name="sni"/> as server name; null sends no SNI at all,
    /// as SslStream sends none for an empty target host. Returns the certificate nginx presented.
    /// </summary>
    public static async Task<X509Certificate2> PresentedAsync(IPAddress address, int port, string? sni)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address, port, timeout.Token);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = sni ?? "",
            AllowTlsResume = false,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }, timeout.Token);
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    /// <summary>Whether a new handshake now gets the certificate with this fingerprint; false while nginx does not answer.</summary>
    public static async Task<bool> PresentsAsync(IPAddress address, int port, string sni, string fingerprint)
    {
        try
        {
            using var presented = await PresentedAsync(address, port, sni);
            return Fingerprint(presented) == fingerprint;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the DER, uppercase hex: the form of <see cref="TestKit.Tls.TestCertificate.Sha256Fingerprint"/>.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    public static string CommonName(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
