using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// One pod of a TCP service: a real socket on a loopback address that sends every byte of each connection back.
/// A connection that opens with a PROXY protocol (v1) header has the header taken off and kept in
/// <see cref="ProxyHeaders"/>, so a test sees what nginx told the backend about the client.
/// </summary>
public sealed class TcpEchoBackend : IAsyncDisposable
{
    private static readonly byte[] ProxyPrefix = "PROXY "u8.ToArray();

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<string> _proxyHeaders = new();
    private int _connections;

    private TcpEchoBackend(TcpListener listener)
    {
        _listener = listener;
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Each PROXY protocol header received, without its CRLF, in the order the connections sent them.</summary>
    public IReadOnlyList<string> ProxyHeaders => [.. _proxyHeaders];

    /// <summary>How many connections have been accepted.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Listens on <paramref name="address"/>, on a port the kernel picks.</summary>
    public static TcpEchoBackend Start(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return new TcpEchoBackend(listener);
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                Interlocked.Increment(ref _connections);
                connections.Add(EchoAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
        await Task.WhenAll(connections);
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[16 * 1024];
                var pending = new List<byte>();
                var headerSettled = false;
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, _stopping.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    if (headerSettled)
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
                        continue;
                    }
                    pending.AddRange(buffer.AsSpan(0, read));
                    var (settled, echo) = TakeProxyHeader(pending);
                    if (settled)
                    {
                        headerSettled = true;
                        await stream.WriteAsync(echo, _stopping.Token);
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the backend stops.
            }
        }
    }

    /// <summary>
    /// Whether the start of the connection is known yet: it is once it cannot be a PROXY header, or once the
    /// header's CRLF has arrived. Then returns what follows the header (everything, without one), to echo.
    /// </summary>
    private (bool Settled, byte[] Echo) TakeProxyHeader(List<byte> pending)
    {
        var prefixLength = Math.Min(pending.Count, ProxyPrefix.Length);
        if (!pending.Take(prefixLength).SequenceEqual(ProxyPrefix.Take(prefixLength)))
        {
            return (true, [.. pending]);
        }
        for (var i = 1; i < pending.Count; i++)
        {
            if (pending[i - 1] == '\r' && pending[i] == '\n')
            {
                _proxyHeaders.Enqueue(Encoding.ASCII.GetString([.. pending.Take(i - 1)]));
                return (true, [.. pending.Skip(i + 1)]);
            }
        }
        return (false, []);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
