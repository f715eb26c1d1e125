using System.Globalization;
using System.Net.Sockets;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// The http{}-level and process parts of <see cref="HttpConfig"/> from the ConfigMap's <see cref="HttpSettings"/>,
/// over the controller's <see cref="NginxSettings"/> where a key is unset.
/// </summary>
internal static class HttpTranslation
{
    /// <summary>
    /// ingress-nginx's buildHTTPListener: the IPv4 bind addresses (or every address), then, with IPv6 on, the IPv6
    /// ones (or <c>[::]</c>). Without a <c>bind-address</c> key, the controller's own address (if any) is the list.
    /// </summary>
    public static ListenConfig Listen(HttpSettings http, NginxSettings settings)
    {
        var (v4, v6) = http.Listen.BindIpv4 is { } bindV4
            ? (bindV4.AsImmutableArray().ToList(), http.Listen.BindIpv6.AsImmutableArray().ToList())
            : settings.BindAddress switch
            {
                null => ([], []),
                { AddressFamily: AddressFamily.InterNetworkV6 } address => (new List<string>(), [address.ToString()]),
                var address => ([address.ToString()], new List<string>()),
            };
        var ipv6 = settings.Ipv6 && !http.Listen.DisableIpv6;
        IEnumerable<string> For(int port) =>
            (v4.Count == 0 ? [Number(port)] : v4.Select(address => $"{address}:{Number(port)}"))
            .Concat(!ipv6 ? [] : v6.Count == 0 ? [$"[::]:{Number(port)}"] : v6.Select(address => $"[{address}]:{Number(port)}"));
        return new ListenConfig
        {
            Http = For(settings.HttpPort).ToEquatableArray(),
            Https = For(settings.HttpsPort).ToEquatableArray(),
            ProxyProtocol = http.Forwarding.UseProxyProtocol,
        };
    }

    public static LogConfig Log(HttpSettings http, NginxSettings settings)
    {
        var logs = http.Logs;
        var path = logs.AccessLogPath ?? settings.AccessLog;
        return new LogConfig
        {
            Format = logs.Format,
            Escape = logs.EscapeNone ? "none" : logs.EscapeJson ? "json" : null,
            AccessLog = logs.DisableAccessLog || path == "off" ? null : path,
            AccessLogParams = logs.AccessLogParams,
            SkipUrls = logs.SkipUrls,
        };
    }

    /// <summary>
    /// ingress-nginx's template: the realip module is on with use-forwarded-headers, use-proxy-protocol or
    /// enable-real-ip, reading the PROXY protocol or forwarded-for-header; X-Forwarded-For is the (real) client
    /// address, or with use-forwarded-headers and compute-full-forwarded-for the incoming list plus the peer.
    /// </summary>
    public static ForwardingConfig Forwarding(HttpSettings http)
    {
        var forwarding = http.Forwarding;
        return new ForwardingConfig
        {
            TrustForwardedHeaders = forwarding.UseForwardedHeaders,
            ForwardedFor = forwarding.UseForwardedHeaders && forwarding.ComputeFullForwardedFor ? "$full_x_forwarded_for" : "$remote_addr",
            FullForwardedForFromProxyProtocol = forwarding.UseProxyProtocol,
            OriginalForwardedFor = "$http_" + forwarding.ForwardedForHeader.ToLowerInvariant().Replace('-', '_'),
            RealIpHeader = !forwarding.RealIp ? null : forwarding.UseProxyProtocol ? "proxy_protocol" : forwarding.ForwardedForHeader,
            RealIpFrom = forwarding.ProxyRealIpCidr,
        };
    }

    public static UpstreamKeepaliveConfig? UpstreamKeepalive(HttpSettings http, NginxSettings settings)
    {
        var connections = http.Connections.UpstreamKeepaliveConnections ?? settings.UpstreamKeepaliveConnections;
        return connections <= 0 ? null : new UpstreamKeepaliveConfig(connections, http.Connections.UpstreamKeepaliveTimeoutSeconds, http.Connections.UpstreamKeepaliveRequests);
    }

    public static BlockConfig Blocks(HttpSettings http) => new()
    {
        Cidrs = http.Blocks.Cidrs,
        UserAgents = http.Blocks.UserAgents,
        Referers = http.Blocks.Referers,
    };

    /// <summary>
    /// The map hash bucket that holds the longest exact entry of block-user-agents, block-referers and
    /// skip-access-log-urls, at least nginx's default of 64: nginx refuses the whole config otherwise ("could not build
    /// map_hash"), as the hostile corpus found with a 52-character user agent. Same rule as server_names (the
    /// translator's ServerNamesBucketSize): 8 + align8(length + 2) + 8 on 64-bit. Regex entries are not hashed.
    /// </summary>
    private static int MapBucketSize(HttpSettings http)
    {
        var longest = http.Blocks.UserAgents.Concat(http.Blocks.Referers).Concat(http.Logs.SkipUrls)
            .Where(entry => !entry.StartsWith('~'))
            .Select(entry => entry.Length)
            .DefaultIfEmpty(0)
            .Max();
        var needed = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(((longest + 2 + 7) & ~7) + 16));
        return Math.Max(64, needed);
    }

    /// <summary>The plain directives, in a fixed order; gzip's only when it is on.</summary>
    public static EquatableArray<DirectiveConfig> Directives(HttpSettings http)
    {
        var connections = http.Connections;
        var headers = http.Headers;
        var directives = new List<DirectiveConfig>
        {
            Directive("server_tokens", headers.ServerTokens ? "on" : "off"),
            Directive("keepalive_timeout", Seconds(connections.KeepAliveSeconds)),
            Directive("keepalive_requests", Number(connections.KeepAliveRequests)),
            Directive("client_header_buffer_size", connections.ClientHeaderBufferSize),
            Directive("client_header_timeout", Seconds(connections.ClientHeaderTimeoutSeconds)),
            Directive("client_body_timeout", Seconds(connections.ClientBodyTimeoutSeconds)),
            Directive("large_client_header_buffers", Number(connections.LargeClientHeaderBuffers.Number), connections.LargeClientHeaderBuffers.Size),
            Directive("variables_hash_max_size", Number(http.HashSizes.VariablesHashMaxSize)),
            Directive("variables_hash_bucket_size", Number(http.HashSizes.VariablesHashBucketSize)),
            Directive("map_hash_bucket_size", Number(MapBucketSize(http))),
            Directive("limit_req_status", Number(headers.LimitReqStatusCode)),
            Directive("limit_conn_status", Number(headers.LimitConnStatusCode)),
        };
        if (headers.UseGzip)
        {
            // ingress-nginx's gzip block: any proxied response of these types, with Vary for caches.
            directives.Add(Directive("gzip", "on"));
            directives.Add(Directive("gzip_comp_level", Number(headers.GzipLevel)));
            directives.Add(Directive("gzip_http_version", "1.1"));
            directives.Add(Directive("gzip_min_length", Number(headers.GzipMinLength)));
            directives.Add(new DirectiveConfig("gzip_types", headers.GzipTypes));
            directives.Add(Directive("gzip_proxied", "any"));
            directives.Add(Directive("gzip_vary", "on"));
        }
        return directives.ToEquatableArray();
    }

    private static DirectiveConfig Directive(string name, params string[] args) => new(name, args.ToEquatableArray());

    private static string Seconds(int seconds) => Number(seconds) + "s";

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
