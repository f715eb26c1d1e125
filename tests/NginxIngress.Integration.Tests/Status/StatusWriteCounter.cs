namespace NginxIngress.Integration.Tests.Status;

/// <summary>Counts one client's accepted writes to a status subresource: the emulator's request log cannot tell clients apart.</summary>
public sealed class StatusWriteCounter : DelegatingHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((request.Method == HttpMethod.Patch || request.Method == HttpMethod.Put)
            && request.RequestUri?.AbsolutePath.EndsWith("/status", StringComparison.Ordinal) == true
            && response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _count);
        }
        return response;
    }
}
