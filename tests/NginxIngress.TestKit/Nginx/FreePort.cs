using System.Net;
using System.Net.Sockets;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// Finds a TCP port that nothing listens on, for a server (nginx) that cannot be told to pick its own: bind to
/// port 0, read the port the kernel chose, release it. A port is never handed out twice in one process, so two
/// parallel tests cannot race each other for it.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    public static int On(IPAddress address)
    {
        while (true)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
