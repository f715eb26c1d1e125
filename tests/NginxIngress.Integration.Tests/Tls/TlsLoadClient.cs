using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// One HttpClient's share of a <see cref="TlsLoad"/>: GETs over HTTPS to one host, each of which must be a 200 from
/// the expected Service, and the certificate of every handshake the client made, counted by fingerprint.
/// </summary>
internal sealed class TlsLoadClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly string _host;
    private readonly string _service;
    private readonly ConcurrentDictionary<string, int> _handshakes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _answered;
    private long _connections;

    /// <param name="keepAlive">One pooled connection per worker, kept alive across requests; otherwise a new connection (and handshake) per request.</param>
    public TlsLoadClient(string name, IPAddress address, int port, string host, string service, bool keepAlive)
    {
        Name = name;
        _host = host;
        _service = service;
        _uri = new Uri($"https://{host}:{port}/rotation");
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = keepAlive ? Timeout.InfiniteTimeSpan : TimeSpan.Zero,
            // The host name is the URI's, for SNI and Host; the socket goes to nginx itself, without DNS.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, port, cancellationToken);
                    Interlocked.Increment(ref _connections);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                // Full handshakes only. A resumed session presents no certificate (the client reports the one of the
                // session it resumes, and nginx's shared session cache outlives reloads), so counts per certificate
                // would say nothing about what nginx serves.
                AllowTlsResume = false,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var fingerprint = certificate is null ? "(none)" : TlsHandshake.Fingerprint(certificate);
                    _handshakes.AddOrUpdate(fingerprint, 1, (_, count) => count + 1);
                    return true;
                },
            },
        })
        {
            // Long enough that only a hung request times out: a timeout is a failed request.
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name { get; }

    /// <summary>Requests answered 200 by the expected Service.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Every other outcome (status, body, exception), described, in order.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>TCP connections opened.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>How many handshakes presented the certificate with this fingerprint.</summary>
    public int Handshakes(string fingerprint) => _handshakes.GetValueOrDefault(fingerprint);

    public IReadOnlyDictionary<string, int> AllHandshakes => _handshakes;

    /// <summary>Sends one request after another until <paramref name="stopping"/>; a request once started always runs to its end.</summary>
    public async Task RunAsync(Func<bool> stopping)
    {
        while (!stopping())
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
                request.Headers.Host = _host;
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var echo = EchoResponse.TryParse(body);
                if (response.StatusCode == HttpStatusCode.OK && echo?.Service == _service)
                {
                    Interlocked.Increment(ref _answered);
                }
                else
                {
                    _failures.Enqueue($"{(int)response.StatusCode} from {echo?.Service ?? "nginx itself"}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                _failures.Enqueue($"{e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}");
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
