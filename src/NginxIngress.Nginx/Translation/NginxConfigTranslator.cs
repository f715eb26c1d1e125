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
            .Where(location => location.Ingress is not null)
            .SelectMany(location => new[] { location.Backend, location.DefaultBackend }.OfType<BackendRef>().Select(backend => (backend, ingress: location.Ingress!.Value)))
            .ToLookup(use => use.backend, use => use.ingress);
        var upstreams = model.Backends
            .Where(backend => backend.Endpoints.Count > 0)
            .Select(backend => new UpstreamConfig
            {
                Name = NginxNames.Upstream(backend.Ref),
                BlockName = NginxNames.UpstreamBlock(NginxNames.Upstream(backend.Ref)),
                Servers = backend.Endpoints.Select(FormatEndpoint).ToEquatableArray(),
                HashKey = backend.Upstream.HashBy,
                LeastConn = backend.Upstream is { HashBy: null, Algorithm: LoadBalance.Ewma },
                Ingresses = SortedDistinct(users[backend.Ref]),
            })
            .ToEquatableArray();
        var servedBackends = model.Backends.Where(backend => backend.Endpoints.Count > 0).Select(backend => backend.Ref).ToHashSet();

        var servers = model.Servers.Select(server => TranslateServer(server, servedBackends, model.Proxy, model.Snippets)).ToEquatableArray();

        var literalNames = model.Servers.Where(s => !s.IsCatchAll && !s.Hostname.StartsWith('*')).Select(s => s.Hostname)
            .Concat(model.Servers.SelectMany(s => s.Aliases)).ToList();
        var peers = upstreams.Sum(upstream => upstream.Servers.Count);
        var http = model.Http;
        return new NginxConfig
        {
            Modules = Modules(model, settings),
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
                Snippet = model.Snippets.Http,
            },
            Servers = BlockCidrsEverywhere(servers, http.Blocks.Cidrs),
            Upstreams = upstreams,
            Stream = StreamTranslation.Translate(model.StreamServices, settings),
            Files = TlsTranslation.Files(model, settings),
        };
    }

    private static ServerConfig TranslateServer(ServerModel server, IReadOnlySet<BackendRef> servedBackends, ProxyModel httpProxy, Core.Settings.SnippetSettings snippets)
    {
        var locations = ServerLocations.Translate(server, servedBackends, httpProxy, snippets.Location);
        return new ServerConfig
        {
            ServerName = server.IsCatchAll ? ServerModel.CatchAllName : NginxNames.ServerName(server.Hostname),
            IsDefault = server.IsCatchAll,
            Locations = locations,
            // One named location per code and target, shared by every location of the server that sends there.
            ErrorLocations = locations.SelectMany(location => location.Pass?.ErrorPages ?? EquatableArray<ErrorPageConfig>.Empty)
                .Distinct().OrderBy(page => page.Location, StringComparer.Ordinal).ToEquatableArray(),
            CertificateFile = TlsTranslation.ServerCertificateFile(server),
            Aliases = server.Aliases,
            Ingresses = SortedDistinct(server.Locations.Where(location => location.Ingress is not null).Select(location => location.Ingress!.Value)
                .Concat(server.WwwRedirectIngress is { } asked ? [asked] : [])),
            RedirectTo = server.WwwRedirectTo,
            Snippets = new EquatableArray<string>([.. new[] { snippets.Server, server.Snippet }.OfType<string>()]),
        };
    }

    /// <summary>
    /// headers-more (Debian's libnginx-mod-http-headers-more-filter) when CORS or a snippet needs it: ingress-nginx's
    /// nginx has it built in, its CORS block uses more_set_headers, and users' snippets use more_set_headers and
    /// more_set_input_headers. Loaded only then, so a config without either runs on a bare nginx. The stream module
    /// likewise, only when there are TCP or UDP services.
    /// </summary>
    private static EquatableArray<string> Modules(IngressModel model, NginxSettings settings)
    {
        var locations = model.Servers.SelectMany(server => server.Locations);
        var needsHeadersMore = model.Snippets.Any
            || model.Servers.Any(server => server.Snippet is not null)
            || locations.Any(location => location.Cors is not null || location.Snippet is not null);
        var directory = settings.ModulesDirectory.TrimEnd('/');
        var modules = new List<string>();
        if (needsHeadersMore)
        {
            modules.Add(directory + "/ngx_http_headers_more_filter_module.so");
        }
        if (model.StreamServices.Count > 0)
        {
            // Debian builds stream as a module (libnginx-mod-stream); the stream {} block of TCP and UDP services needs it.
            modules.Add(directory + "/ngx_stream_module.so");
        }
        return modules.ToEquatableArray();
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

    internal static string Listen(IPAddress? address, int port) => address switch
    {
        null => port.ToString(CultureInfo.InvariantCulture),
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{address}:{port.ToString(CultureInfo.InvariantCulture)}",
    };

    internal static string FormatEndpoint(EndpointModel endpoint)
    {
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return IPAddress.TryParse(endpoint.Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{port}"
            : $"{endpoint.Address}:{port}";
    }
}
