using System.Diagnostics;
using System.Net;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>
/// Asks nginx for a host, as a client would. A new connection per request, so an answer always comes from the
/// newest worker generation rather than from an old worker still holding a pooled connection.
/// </summary>
internal sealed class HostProbe(int httpPort, Func<bool> controllerExited) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<bool> AnswersAsync(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{httpPort}/");
        request.Headers.Host = host;
        try
        {
            using var response = await _http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // nginx between generations, or a worker closing the connection as it drains.
            return false;
        }
    }

    /// <summary>Polls every 10 ms until <paramref name="host"/> answers 200; the time from <paramref name="since"/> to that answer.</summary>
    public async Task<TimeSpan> WaitUntilServedAsync(string host, Stopwatch since, TimeSpan timeout)
    {
        while (!await AnswersAsync(host))
        {
            if (controllerExited())
            {
                throw new InvalidOperationException($"the controller exited while {host} was not served yet");
            }
            if (since.Elapsed > timeout)
            {
                throw new TimeoutException($"{host} did not answer 200 within {timeout.TotalSeconds:F0} s");
            }
            await Task.Delay(PollInterval);
        }
        return since.Elapsed;
    }

    /// <summary>
    /// Probes the hosts in order, 16 at a time, until all answer 200; returns when the last did. A batch with a host
    /// not served yet ends the sweep (it is probed again after 10 ms), so waiting does not flood nginx with 404s.
    /// </summary>
    public async Task<TimeSpan> WaitUntilAllServedAsync(IReadOnlyList<string> hosts, Stopwatch since, TimeSpan timeout)
    {
        const int Batch = 16;
        var next = 0;
        while (next < hosts.Count)
        {
            var batch = hosts.Skip(next).Take(Batch).ToList();
            var answers = await Task.WhenAll(batch.Select(AnswersAsync));
            var servedInOrder = answers.TakeWhile(served => served).Count();
            next += servedInOrder;
            if (servedInOrder < batch.Count)
            {
                if (controllerExited())
                {
                    throw new InvalidOperationException($"the controller exited while {hosts.Count - next} of {hosts.Count} hosts were not served yet");
                }
                if (since.Elapsed > timeout)
                {
                    throw new TimeoutException($"{hosts.Count - next} of {hosts.Count} hosts did not answer 200 within {timeout.TotalSeconds:F0} s (first: {hosts[next]})");
                }
                await Task.Delay(PollInterval);
            }
        }
        return since.Elapsed;
    }

    public void Dispose() => _http.Dispose();
}
