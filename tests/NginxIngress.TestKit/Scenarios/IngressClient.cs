using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// Sends requests to nginx's own address with any Host header, as the conformance runner does (harness.yaml):
/// HTTP/1.1, User-Agent <c>Go-http-client/1.1</c>, no compression, the request-URI exactly as given. HTTPS goes to
/// nginx's HTTPS port with the server name as SNI, over a fresh connection each time, and keeps the certificate
/// nginx presented; any certificate is accepted, since checking it is the test's job. When told to follow
/// redirects it re-sends the same method to nginx, taking scheme, Host and path from the Location header, so no
/// DNS is involved.
/// </summary>
public sealed class IngressClient(NginxFixture nginx) : IDisposable
{
    public const string UserAgent = "Go-http-client/1.1";
    private const int MaxRedirects = 10;
    private static readonly HashSet<HttpStatusCode> RedirectCodes =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];

    private static readonly HttpRequestOptionsKey<X509Certificate2> PresentedCertificate = new("presented-certificate");

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly HttpClient _https = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        // Each request its own connection and handshake, so each gets the certificate its SNI selects.
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = (context, cancellationToken) => ConnectTlsAsync(nginx, context, cancellationToken),
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <param name="host">The Host header; null addresses nginx itself (<c>address:port</c>).</param>
    /// <param name="pathAndQuery">Sent as the request-URI without normalisation, so dot segments reach nginx.</param>
    /// <param name="headers">Extra request headers, sent again on every redirect.</param>
    /// <param name="tls">HTTPS, to nginx's HTTPS port.</param>
    /// <param name="sni">The server name sent in the TLS handshake; null sends the Host header's name.</param>
    public async Task<IngressResponse> SendAsync(string method, string? host, string pathAndQuery, bool followRedirects = false,
        IReadOnlyDictionary<string, string>? headers = null, bool tls = false, string? sni = null, CancellationToken cancellationToken = default)
    {
        var redirects = new List<string>();
        host ??= nginx.HostHeader;
        while (true)
        {
            var response = await SendOnceAsync(method, host, pathAndQuery, headers, redirects, tls, sni, cancellationToken);
            if (!followRedirects || !RedirectCodes.Contains(response.Status) || !response.Headers.TryGetValue("Location", out var location))
            {
                return response;
            }
            if (redirects.Count == MaxRedirects)
            {
                throw new InvalidOperationException($"More than {MaxRedirects} redirects: {string.Join(" -> ", redirects)}");
            }
            var target = new Uri(new Uri($"{(tls ? "https" : "http")}://{host}{pathAndQuery}"), location);
            if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
            {
                throw new NotSupportedException($"Redirect to {location}: only http and https are followed.");
            }
            redirects.Add(location);
            tls = target.Scheme == Uri.UriSchemeHttps;
            // nginx's test ports stand for 80 and 443: a redirect names them only because they are not the standard
            // ones, and a client on the standard port would send the bare host name.
            var standard = target.Port == (tls ? nginx.HttpsPort : nginx.HttpPort);
            (host, pathAndQuery, sni) = (standard ? target.Host : target.Authority, target.PathAndQuery, null);
        }
    }

    public Task<IngressResponse> GetAsync(string? host, string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync("GET", host, pathAndQuery, cancellationToken: cancellationToken);

    private async Task<IngressResponse> SendOnceAsync(string method, string host, string pathAndQuery, IReadOnlyDictionary<string, string>? headers,
        List<string> redirects, bool tls, string? sni, CancellationToken cancellationToken)
    {
        // For HTTPS the URI names the server name (it becomes the SNI) and the connect callback goes to nginx itself;
        // the URI stays http because the callback hands back a stream that is already TLS.
        var authority = tls ? $"{sni ?? host.Split(':')[0]}:{nginx.HttpsPort}" : $"{nginx.Address}:{nginx.HttpPort}";
        var uri = new Uri($"http://{authority}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(method), uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = host;
        request.Headers.UserAgent.ParseAdd(UserAgent);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await (tls ? _https : _http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        // Headers are read before the body: reading buffered content can make HttpClient invent a Content-Length.
        var received = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new IngressResponse
        {
            Status = response.StatusCode,
            Version = response.Version,
            Headers = received,
            Body = body,
            Redirects = [.. redirects],
            ServerCertificate = request.Options.TryGetValue(PresentedCertificate, out var certificate) ? certificate : null,
        };
    }

    /// <summary>Connects to nginx's HTTPS port and completes the handshake with the request's host as SNI, keeping the certificate.</summary>
    private static async ValueTask<Stream> ConnectTlsAsync(NginxFixture nginx, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(nginx.Address, nginx.HttpsPort, cancellationToken);
            var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = context.DnsEndPoint.Host,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, cancellationToken);
            if (tls.RemoteCertificate is { } presented)
            {
                context.InitialRequestMessage.Options.Set(PresentedCertificate, X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
            }
            return tls;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _https.Dispose();
    }
}
