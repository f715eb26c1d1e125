using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// How an <see cref="EchoBackend"/> listens: plain HTTP/1.1 by default; with a certificate it is TLS (backend-protocol
/// HTTPS, or GRPCS with HTTP/2 offered through ALPN); HTTP/2 alone in clear text is h2c with prior knowledge (GRPC).
/// </summary>
public sealed record EchoTransport(HttpProtocols Protocols, X509Certificate2? Certificate = null)
{
    public static readonly EchoTransport Http1 = new(HttpProtocols.Http1);
}
