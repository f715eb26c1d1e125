using System.Net;
using System.Net.Sockets;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// Whether this host can listen on IPv6, as ingress-nginx asks before it adds its <c>[::]</c> listeners: a pod in
/// an IPv4-only cluster (or with IPv6 turned off in the kernel) would otherwise fail nginx's bind at start.
/// </summary>
public static class Ipv6Probe
{
    public static bool Available()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
