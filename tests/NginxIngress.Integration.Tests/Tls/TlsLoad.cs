using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// Steady HTTPS load on one host from two clients at once: one keeps its connections alive (a pool, as browsers
/// and service meshes do), the other opens a new connection, with a full handshake, for every request. A test
/// changes the certificate under it and checks that no request failed and that both clients met each certificate.
/// </summary>
internal sealed class TlsLoad : IAsyncDisposable
{
    private const int WorkersPerClient = 2;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly List<Task> _workers = [];
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private volatile bool _stopping;

    private TlsLoad(IPAddress address, int port, string host, string service)
    {
        KeepAlive = new TlsLoadClient("keep-alive", address, port, host, service, keepAlive: true);
        NewConnections = new TlsLoadClient("new-connection", address, port, host, service, keepAlive: false);
    }

    public TlsLoadClient KeepAlive { get; }

    public TlsLoadClient NewConnections { get; }

    public IReadOnlyList<TlsLoadClient> Clients => [KeepAlive, NewConnections];

    public long Failed => Clients.Sum(client => client.Failures.Count);

    public static TlsLoad Start(IPAddress address, int port, string host, string service)
    {
        var load = new TlsLoad(address, port, host, service);
        foreach (var client in load.Clients)
        {
            for (var i = 0; i < WorkersPerClient; i++)
            {
                load._workers.Add(Task.Run(() => client.RunAsync(() => load._stopping)));
            }
        }
        return load;
    }

    /// <summary>
    /// Keeps the load running until each client has had <paramref name="requests"/> more answers and at least one
    /// handshake presenting <paramref name="fingerprint"/>, and at least <paramref name="length"/> has passed: the
    /// load spans every certificate, for a while. Fails the test if that has not happened within <paramref name="patience"/>.
    /// Returns one line describing the phase: its length, and for each client the answers in it and the handshakes that
    /// have presented this certificate so far (some may come before the phase, between a rotation and its start).
    /// </summary>
    public async Task<string> RunPhaseAsync(string label, string fingerprint, int requests, TimeSpan length, TimeSpan patience)
    {
        var start = Clients.Select(client => client.Answered).ToList();
        var phase = Stopwatch.StartNew();
        bool Done() => phase.Elapsed >= length && Clients.Select((client, i) => client.Answered - start[i] >= requests && client.Handshakes(fingerprint) > 0).All(done => done);
        while (!Done())
        {
            if (phase.Elapsed > patience)
            {
                Assert.Fail($"Within {patience.TotalSeconds} s of {label}: each client answered {requests} times and met certificate {label}. {Describe()}");
            }
            await Task.Delay(PollInterval);
        }
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{label}: {phase.Elapsed.TotalSeconds:F1} s");
        foreach (var (client, i) in Clients.Select((client, i) => (client, i)))
        {
            line.Append(CultureInfo.InvariantCulture, $"; {client.Name} {client.Answered - start[i]} answered, {client.Handshakes(fingerprint)} handshakes with {label} so far");
        }
        return line.ToString();
    }

    /// <summary>Stops sending and waits for the requests in flight to end.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
        _running.Stop();
    }

    /// <summary>Counts per client, certificate handshakes named by <paramref name="labels"/> (fingerprint to name), and the first failures.</summary>
    public string Describe(IReadOnlyDictionary<string, string>? labels = null)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"load ran {_running.Elapsed.TotalSeconds:F1} s");
        foreach (var client in Clients)
        {
            var handshakes = client.AllHandshakes.OrderBy(pair => labels?.GetValueOrDefault(pair.Key) ?? pair.Key, StringComparer.Ordinal)
                .Select(pair => $"{labels?.GetValueOrDefault(pair.Key) ?? pair.Key[..12]}: {pair.Value}");
            text.Append(CultureInfo.InvariantCulture, $"; {client.Name}: {client.Answered} answered, {client.Failures.Count} failed, {client.Connections} connections, handshakes {{{string.Join(", ", handshakes)}}}");
        }
        foreach (var failure in Clients.SelectMany(client => client.Failures.Take(5).Select(failure => $"{client.Name}: {failure}")))
        {
            text.Append(Environment.NewLine).Append("  failed: ").Append(failure);
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var client in Clients)
        {
            client.Dispose();
        }
    }
}
