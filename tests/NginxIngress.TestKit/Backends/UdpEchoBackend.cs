using System.Net;
using System.Net.Sockets;

namespace NginxIngress.TestKit.Backends;

/// <summary>One pod of a UDP service: a real socket on a loopback address that answers each datagram with itself.</summary>
public sealed class UdpEchoBackend : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _echoing;
    private int _datagrams;

    private UdpEchoBackend(UdpClient socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.Client.LocalEndPoint!;
        _echoing = EchoAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>How many datagrams have been received.</summary>
    public int DatagramCount => Volatile.Read(ref _datagrams);

    /// <summary>Binds <paramref name="address"/>, on a port the kernel picks.</summary>
    public static UdpEchoBackend Start(IPAddress address) => new(new UdpClient(new IPEndPoint(address, 0)));

    private async Task EchoAsync()
    {
        try
        {
            while (true)
            {
                try
                {
                    var datagram = await _socket.ReceiveAsync(_stopping.Token);
                    Interlocked.Increment(ref _datagrams);
                    await _socket.SendAsync(datagram.Buffer, datagram.RemoteEndPoint, _stopping.Token);
                }
                catch (SocketException) when (!_stopping.IsCancellationRequested)
                {
                    // An ICMP error about an earlier answer's peer: keep serving the others.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _echoing;
        _stopping.Dispose();
    }
}
