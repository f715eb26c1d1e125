using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// Steady client traffic through nginx while a test changes things underneath: a few workers, each sending GETs
/// on keep-alive connections at a fixed pace (a timer tick per request, so the load does not starve the
/// controller of CPU), and recording every answer that is not a 200 from one of the pods the test started.
/// A GET whose reused keep-alive connection is closed before any answer (a reload retires the old workers, which
/// close their idle connections, and a request can cross that close on the wire) is sent once more, as browsers
/// and HTTP libraries do for idempotent requests (RFC 9112 §9.3.1); that retry is counted, and a second failure
/// is a failure like any other.
/// </summary>
internal sealed class LoadLoop : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    // Never disposed: it holds no timer, and DisposeAsync reads it to be idempotent.
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Func<string, bool> _knownPod;
    private readonly Task[] _workers;
    private int _answered;
    private int _retried;

    /// <param name="knownPod">Whether a pod name is one the test started (a 200 from anything else is a failure too).</param>
    public LoadLoop(Uri target, string host, int workers, Func<string, bool> knownPod)
    {
        _knownPod = knownPod;
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(target, host))).ToArray();
    }

    /// <summary>Requests answered 200 by a known pod so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Requests sent a second time because their keep-alive connection closed before any answer.</summary>
    public int Retried => Volatile.Read(ref _retried);

    private async Task RunAsync(Uri target, string host)
    {
        using var timer = new PeriodicTimer(Pace);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendAsync(target, host);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task SendAsync(Uri target, string host, bool retry = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Host = host;
        try
        {
            // Not cancelled by _stop: a request in flight when the loop stops still counts.
            using var response = await _http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _failures.Enqueue($"{(int)response.StatusCode} at {DateTime.UtcNow:HH:mm:ss.fff}: {body[..Math.Min(body.Length, 200)]}");
                return;
            }
            var pod = JsonSerializer.Deserialize<EchoResponse>(body, EchoResponse.Json)?.Pod ?? "";
            if (!_knownPod(pod))
            {
                _failures.Enqueue($"200 from unknown pod '{pod}'");
                return;
            }
            Interlocked.Increment(ref _answered);
        }
        catch (HttpRequestException e) when (!retry && e.InnerException is IOException)
        {
            Interlocked.Increment(ref _retried);
            await SendAsync(target, host, retry: true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            _failures.Enqueue($"{e.GetType().Name} at {DateTime.UtcNow:HH:mm:ss.fff}: {e.Message}");
        }
    }

    /// <summary>Stops the workers after their requests in flight; the counts stay readable. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _http.Dispose();
    }
}
