using System.Net;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// Hands out loopback addresses that no other caller in this process gets, so tests can run in parallel and
/// every pod of a Service is told apart by its address. Linux routes all of 127.0.0.0/8 to <c>lo</c>, so any of
/// them can be bound without setup. The range starts at 127.16.0.1: 127.0.0.x is where people (and the
/// quickstart manifests) put hand-run backends.
/// </summary>
public static class LoopbackAddresses
{
    private const int First = (16 << 16) | 1;
    private static int _next = First - 1;

    public static IPAddress Next()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref _next);
            var (b, c, d) = ((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
            if (d is 0 or 255)
            {
                // .0 and .255 are legal on lo, but look like network and broadcast addresses in logs.
                continue;
            }
            return new IPAddress([127, (byte)b, (byte)c, (byte)d]);
        }
    }
}
