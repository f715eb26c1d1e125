using System.Net;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// Sends requests to nginx's own address with any Host header, as the conformance runner does (harness.yaml):
/// HTTP/1.1, User-Agent <c>Go-http-client/1.1</c>, no compression, the request-URI exactly as given. When told
/// to follow redirects it re-sends the same method to nginx, taking Host and path from the Location header,
/// so no DNS is involved.
/// </summary>
public sealed class IngressClient(NginxFixture nginx) : IDisposable
{
    public const string UserAgent = "Go-http-client/1.1";
    private const int MaxRedirects = 10;
    private static readonly HashSet<HttpStatusCode> RedirectCodes =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];

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

    /// <param name="host">The Host header; null addresses nginx itself (<c>address:port</c>).</param>
    /// <param name="pathAndQuery">Sent as the request-URI without normalisation, so dot segments reach nginx.</param>
    /// <param name="headers">Extra request headers, sent again on every redirect.</param>
    public async Task<IngressResponse> SendAsync(string method, string? host, string pathAndQuery, bool followRedirects = false,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var redirects = new List<string>();
        host ??= nginx.HostHeader;
        while (true)
        {
            var response = await SendOnceAsync(method, host, pathAndQuery, headers, redirects, cancellationToken);
            if (!followRedirects || !RedirectCodes.Contains(response.Status) || !response.Headers.TryGetValue("Location", out var location))
            {
                return response;
            }
            if (redirects.Count == MaxRedirects)
            {
                throw new InvalidOperationException($"More than {MaxRedirects} redirects: {string.Join(" -> ", redirects)}");
            }
            var target = new Uri(new Uri($"http://{host}{pathAndQuery}"), location);
            if (target.Scheme != Uri.UriSchemeHttp)
            {
                throw new NotSupportedException($"Redirect to {location}: the fixture serves plain HTTP only (TLS arrives with the TLS issue).");
            }
            redirects.Add(location);
            (host, pathAndQuery) = (target.Authority, target.PathAndQuery);
        }
    }

    public Task<IngressResponse> GetAsync(string? host, string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync("GET", host, pathAndQuery, cancellationToken: cancellationToken);

    private async Task<IngressResponse> SendOnceAsync(string method, string host, string pathAndQuery, IReadOnlyDictionary<string, string>? headers,
        List<string> redirects, CancellationToken cancellationToken)
    {
        var uri = new Uri($"http://{nginx.Address}:{nginx.HttpPort}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
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
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
        };
    }

    public void Dispose() => _http.Dispose();
}
