using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// A backend that reads each request and holds its answer back: until <see cref="ReleaseAll"/>, or for a fixed time.
/// A request held through nginx keeps the worker that proxies it alive after a reload (it drains for up to
/// <c>worker_shutdown_timeout</c>), as a slow download or a long poll does in production, so tests can make old
/// worker generations pile up on purpose. Plain sockets, so nothing in between answers early.
/// </summary>
public sealed class HoldingBackend : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nheld\n");

    private readonly TcpListener _listener;
    private readonly TimeSpan? _holdFor;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private int _received;

    private HoldingBackend(IPAddress address, TimeSpan? holdFor)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start(512);
        _holdFor = holdFor;
        _accepting = AcceptAsync();
    }

    public IPAddress Address => ((IPEndPoint)_listener.LocalEndpoint).Address;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Requests read and not answered yet.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Requests read since start.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <param name="holdFor">Answer each request this long after it arrived; null holds until <see cref="ReleaseAll"/>.</param>
    public static HoldingBackend Start(IPAddress address, TimeSpan? holdFor = null) => new(address, holdFor);

    /// <summary>Answers every request held now; later ones are held again.</summary>
    public void ReleaseAll() => Interlocked.Exchange(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var read = 0;
            while (read < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), _stopping.Token);
                if (n == 0)
                {
                    return;
                }
                read += n;
            }
            Interlocked.Increment(ref _received);
            Interlocked.Increment(ref _held);
            try
            {
                var release = Volatile.Read(ref _released).Task;
                await (_holdFor is { } hold ? Task.WhenAny(Task.Delay(hold, _stopping.Token), release) : release).WaitAsync(_stopping.Token);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
            await stream.WriteAsync(Answer, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the proxy gave up on the request.
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseAll();
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
