using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// Maps the routing model onto nginx's own vocabulary. Pure. Each Service port is one upstream, all in one
/// shared memory zone (so round-robin is one rotation across all workers), and each location names its
/// upstream in a static <c>proxy_pass</c>. Measured with Debian's nginx 1.22 (make bench): at 10k Ingresses
/// <c>nginx -t</c> takes 3.5 s CPU this way and 4.5 s with <c>proxy_pass http://$variable</c>, because 1.22 builds
/// an SSL context for every location whose proxy_pass holds a variable (shared since 1.23.1); at 1k, 0.10 s
/// against 0.37 s. A static proxy_pass also skips the per-request scan of every upstream by name.
/// </summary>
public static class NginxConfigTranslator
{
    public static NginxConfig Translate(IngressModel model, NginxSettings settings)
    {
        var users = model.Servers
            .SelectMany(server => server.Locations)
            .Where(location => location is { Backend: not null, Ingress: not null })
            .ToLookup(location => location.Backend!, location => location.Ingress!.Value);
        var upstreams = model.Backends
            .Where(backend => backend.Endpoints.Count > 0)
            .Select(backend => new UpstreamConfig
            {
                Name = NginxNames.Upstream(backend.Ref),
                Servers = backend.Endpoints.Select(FormatEndpoint).ToEquatableArray(),
                Ingresses = SortedDistinct(users[backend.Ref]),
            })
            .ToEquatableArray();
        var servedBackends = model.Backends.Where(backend => backend.Endpoints.Count > 0).Select(backend => backend.Ref).ToHashSet();

        var servers = model.Servers
            .Select(server => new ServerConfig
            {
                ServerName = server.IsCatchAll ? ServerModel.CatchAllName : NginxNames.ServerName(server.Hostname),
                IsDefault = server.IsCatchAll,
                Locations = ServerLocations.Translate(server, servedBackends, model.Proxy),
                CertificateFile = TlsTranslation.ServerCertificateFile(server),
                Aliases = server.Aliases,
                Ingresses = SortedDistinct(server.Locations.Where(location => location.Ingress is not null).Select(location => location.Ingress!.Value)),
            })
            .ToEquatableArray();

        var literalNames = model.Servers.Where(s => !s.IsCatchAll && !s.Hostname.StartsWith('*')).Select(s => s.Hostname)
            .Concat(model.Servers.SelectMany(s => s.Aliases)).ToList();
        var peers = upstreams.Sum(upstream => upstream.Servers.Count);
        var http = model.Http;
        return new NginxConfig
        {
            Http = new HttpConfig
            {
                WorkerProcesses = http.Connections.WorkerProcesses ?? settings.WorkerProcesses,
                WorkerConnections = http.Connections.MaxWorkerConnections ?? settings.WorkerConnections,
                WorkerShutdownTimeout = http.Connections.WorkerShutdownTimeout,
                Listen = HttpTranslation.Listen(http, settings),
                StatusPort = settings.StatusPort,
                Log = HttpTranslation.Log(http, settings),
                ErrorLog = http.Logs.ErrorLogPath ?? settings.ErrorLog,
                ErrorLogLevel = http.Logs.ErrorLogLevel ?? settings.ErrorLogLevel,
                // nginx refuses to start when a name does not fit a bucket, and warns on every start when the hash
                // outgrows max_size: the ConfigMap may raise them, never lower them below what the names need.
                ServerNamesHashMaxSize = Math.Max(http.HashSizes.ServerNameHashMaxSize,
                    (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)literalNames.Count * 2)),
                ServerNamesHashBucketSize = Math.Max(http.HashSizes.ServerNameHashBucketSize, ServerNamesBucketSize(literalNames.DefaultIfEmpty("").Max(n => n!.Length))),
                UpstreamZoneMegabytes = ZoneMegabytes(upstreams.Count, peers),
                UpstreamKeepalive = HttpTranslation.UpstreamKeepalive(http, settings),
                Forwarding = HttpTranslation.Forwarding(http),
                GenerateRequestId = http.Headers.GenerateRequestId,
                Blocks = HttpTranslation.Blocks(http),
                Directives = HttpTranslation.Directives(http),
                Tls = TlsTranslation.Http(model, settings),
                ProxyDirectives = ProxyDirectives.For(model.Proxy),
            },
            Servers = BlockCidrsEverywhere(servers, http.Blocks.Cidrs),
            Upstreams = upstreams,
            Files = TlsTranslation.Files(model, settings),
        };
    }

    /// <summary>
    /// block-cidrs is a <c>deny</c> at http level, as in ingress-nginx; but a location with allow or deny rules of its
    /// own inherits none from http{}, so there the blocked ranges are denied first, before its own rules.
    /// </summary>
    private static EquatableArray<ServerConfig> BlockCidrsEverywhere(EquatableArray<ServerConfig> servers, EquatableArray<string> blocked) =>
        blocked.Count == 0
            ? servers
            : servers.Select(server => server with
            {
                Locations = server.Locations.Select(location => location.Deny.Count == 0 && !location.HasAllowList
                    ? location
                    : location with { Deny = blocked.Concat(location.Deny).Distinct().ToEquatableArray() }).ToEquatableArray(),
            }).ToEquatableArray();

    /// <summary>
    /// The smallest power-of-two bucket that holds the longest name. nginx (ngx_hash_init) refuses to start unless
    /// bucket_size ≥ NGX_HASH_ELT_SIZE + sizeof(void*) = 8 + align8(length + 2) + 8 on 64-bit. "length + 16"
    /// fell short for hosts of 47-48, 111-112 and 239-240 characters, and nginx then refused the whole config.
    /// At least 128, which holds two typical names, so nginx finds a hash without warning "could not build
    /// optimal server_names_hash" on every start.
    /// </summary>
    private static int ServerNamesBucketSize(int longestName) =>
        Math.Max(128, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(((longestName + 2 + 7) & ~7) + 16)));

    /// <summary>Room for every upstream and peer in the shared zone, rounded up to a power of two so it rarely changes.</summary>
    private static int ZoneMegabytes(int upstreams, int peers)
    {
        const long Megabyte = 1 << 20;
        var bytes = Megabyte + (long)upstreams * 1024 + (long)peers * 512;
        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)((bytes + Megabyte - 1) / Megabyte));
    }

    private static EquatableArray<ObjectKey> SortedDistinct(IEnumerable<ObjectKey> keys) => keys.Distinct().Order().ToEquatableArray();

    private static string FormatEndpoint(EndpointModel endpoint)
    {
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return IPAddress.TryParse(endpoint.Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{port}"
            : $"{endpoint.Address}:{port}";
    }
}
