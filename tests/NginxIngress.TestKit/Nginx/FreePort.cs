using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// Finds a TCP port for a server (nginx) that cannot be told to pick its own, and keeps it from being taken
/// before that server binds it. A port the kernel chose (bind to 0, release) is not safe: the kernel hands the
/// same range out again for outgoing connections and to other processes, including the other test assemblies
/// that run in parallel. So the ports come from outside the kernel's ephemeral range, which it never hands
/// out on its own, and each is reserved across processes by an exclusive lock on a file of its own under the
/// temp folder, held until this process exits. A reserved port is handed out only if it binds right now.
/// </summary>
public static class FreePort
{
    /// <summary>Below this live the fixed defaults of services a developer may run (the controller's 10246 and 10254, 8080...).</summary>
    private const int Lowest = 20000;

    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "nginx-ingress-test-ports");
    private static readonly Lazy<int[]> Candidates = new(ReadCandidates);

    /// <summary>The locks of the ports handed out; never released, so no other test process reuses them while this one runs.</summary>
    private static readonly List<FileStream> Reserved = [];

    public static int On(IPAddress address)
    {
        var candidates = Candidates.Value;
        lock (Reserved)
        {
            var start = Random.Shared.Next(candidates.Length);
            for (var i = 0; i < candidates.Length; i++)
            {
                var port = candidates[(start + i) % candidates.Length];
                if (TryLock(port) is not { } reservation)
                {
                    continue;
                }
                if (Binds(address, port))
                {
                    Reserved.Add(reservation);
                    return port;
                }
                // Something that does not take part in these locks listens there.
                reservation.Dispose();
            }
        }
        throw new InvalidOperationException($"No TCP port in {Lowest}-65535 outside the kernel's ephemeral range is free on {address}.");
    }

    /// <summary>The ports outside /proc/sys/net/ipv4/ip_local_port_range; all of them when that range covers everything.</summary>
    private static int[] ReadCandidates()
    {
        var (first, last) = (32768, 60999); // Linux's default, for systems without the file
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            (first, last) = (int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Keep the default.
        }
        var outside = Enumerable.Range(Lowest, 65536 - Lowest).Where(port => port < first || port > last).ToArray();
        return outside.Length > 0 ? outside : Enumerable.Range(Lowest, 65536 - Lowest).ToArray();
    }

    /// <summary>An exclusive lock (flock on Unix) on the port's file, or null while another process (or this one) holds it.</summary>
    private static FileStream? TryLock(int port)
    {
        try
        {
            Directory.CreateDirectory(LockDirectory);
            return new FileStream(Path.Combine(LockDirectory, port.ToString(CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // A lock file another user created; that user's tests own the port.
            return null;
        }
    }

    /// <summary>
    /// Whether the port binds now. Without SO_REUSEADDR, as a strict check: a port with connections lingering in
    /// TIME_WAIT is skipped too, although nginx (which sets it) could bind it.
    /// </summary>
    private static bool Binds(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
