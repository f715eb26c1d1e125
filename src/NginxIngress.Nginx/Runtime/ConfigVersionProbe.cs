using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Asks nginx which config it serves: every rendered config answers its own version on the loopback status
/// port. After a reload, polling until the new version answers is the only proof that nginx loaded it (a
/// reload that failed leaves the old workers answering the old version).
/// </summary>
public sealed class ConfigVersionProbe(int statusPort) : IDisposable
{
    public const string VersionPath = "/nginx-ingress/config-version";

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(1) };

    public Uri VersionUri { get; } = new($"http://127.0.0.1:{statusPort}{VersionPath}");

    /// <summary>The version nginx answers now, or null when it does not answer.</summary>
    public async Task<string?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(VersionUri, cancellationToken);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(cancellationToken)).Trim() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Polls every 50 ms (sleeping after errors too) until nginx answers <paramref name="version"/> or the time runs out.</summary>
    public async Task<bool> WaitForVersionAsync(string version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder<bool>()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = timeout })
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = new PredicateBuilder<bool>().HandleResult(matched => !matched),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Constant,
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token => await CurrentVersionAsync(token) == version, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
