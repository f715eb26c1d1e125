namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap keys of the http{} level and the nginx process (reference §3): workers, connections, client buffers,
/// logs, forwarded headers and real IP, compression, blocks, limits and listeners, with ingress-nginx's defaults.
/// Listed in <see cref="ConfigMapKeyRegistry.All"/>; read by <see cref="HttpSettings.From"/>.
/// </summary>
public static class HttpConfigMapKeys
{
    private const string Boolean = "\"true\" or \"false\"";
    private const string WholeNumber = "a whole number";
    private const string Seconds = "a whole number of seconds";
    private const string Size = "an nginx size such as 8k or 1m";
    private const string Path = "/dev/stdout, /dev/stderr, or a file under /var/log/ (letters, digits and \"/-._\", no \"..\")";
    private const string MatchList = "comma-separated exact strings, or regexes after ~ (~* ignores case), of letters, digits, spaces and \"-._/:()+*?^|[]!@=%&<>\"; "
        + "a regex may end in $";

    public static ConfigMapKeySpec WorkerProcesses { get; } = new("worker-processes", "auto or a whole number from 1", "auto",
        "worker_processes. auto lets nginx count the CPUs it may run on.");

    public static ConfigMapKeySpec MaxWorkerConnections { get; } = new("max-worker-connections", WholeNumber, "16384",
        "worker_connections. 0, which in ingress-nginx derives it from max-worker-open-files, keeps 16384 here.");

    public static ConfigMapKeySpec WorkerShutdownTimeout { get; } = new("worker-shutdown-timeout", "an nginx time such as 240s or 5m", "240s",
        "How long old workers may drain their connections after a reload.");

    public static ConfigMapKeySpec KeepAlive { get; } = new("keep-alive", Seconds, "75", "keepalive_timeout of client connections; 0 turns keepalive off (and breaks HTTP/2).");

    public static ConfigMapKeySpec KeepAliveRequests { get; } = new("keep-alive-requests", WholeNumber, "1000", "Requests a client connection may carry.");

    public static ConfigMapKeySpec UpstreamKeepaliveConnections { get; } = new("upstream-keepalive-connections", WholeNumber, "32",
        "Idle keepalive connections each worker keeps per upstream; 0 turns upstream keepalive off. ingress-nginx's 320 is for its one "
        + "shared upstream; here each Service port is an upstream, and nginx reserves room for the whole cache in each, so the default is 32.");

    public static ConfigMapKeySpec UpstreamKeepaliveTimeout { get; } = new("upstream-keepalive-timeout", Seconds, "60", "How long an idle upstream connection stays open.");

    public static ConfigMapKeySpec UpstreamKeepaliveRequests { get; } = new("upstream-keepalive-requests", WholeNumber, "10000", "Requests an upstream connection may carry.");

    public static ConfigMapKeySpec ClientHeaderBufferSize { get; } = new("client-header-buffer-size", Size, "1k", "client_header_buffer_size.");

    public static ConfigMapKeySpec ClientHeaderTimeout { get; } = new("client-header-timeout", Seconds, "60", "client_header_timeout.");

    public static ConfigMapKeySpec ClientBodyTimeout { get; } = new("client-body-timeout", Seconds, "60", "client_body_timeout.");

    public static ConfigMapKeySpec LargeClientHeaderBuffers { get; } = new("large-client-header-buffers", "a number and an nginx size, such as 4 8k", "4 8k",
        "large_client_header_buffers.");

    public static ConfigMapKeySpec LogFormatUpstream { get; } = new("log-format-upstream",
        "text without \"\\\", \";\" or control characters, whose every $ starts a variable nginx knows ($name or ${name})",
        "ingress-nginx's upstreaminfo format", "The access log format (log_format upstreaminfo).");

    public static ConfigMapKeySpec LogFormatEscapeJson { get; } = new("log-format-escape-json", Boolean, "false", "Escape variables in the access log for JSON.");

    public static ConfigMapKeySpec LogFormatEscapeNone { get; } = new("log-format-escape-none", Boolean, "false",
        "Do not escape variables in the access log; wins over log-format-escape-json.");

    public static ConfigMapKeySpec AccessLogPath { get; } = new("access-log-path", Path, "/dev/stdout", "Where the access log goes.");

    public static ConfigMapKeySpec AccessLogParams { get; } = new("access-log-params", "empty, or space-separated buffer=SIZE, flush=TIME and gzip or gzip=1-9",
        "buffer=64k flush=1s", "Extra access_log parameters. The default buffers the access log (ingress-nginx's is unbuffered): a line reaches the log within a second; an empty value (\"\") writes each line at once, as ingress-nginx does.");

    public static ConfigMapKeySpec ErrorLogPath { get; } = new("error-log-path", $"stderr or {Path}", "stderr", "Where the error log goes.");

    public static ConfigMapKeySpec ErrorLogLevel { get; } = new("error-log-level", "one of debug, info, notice, warn, error, crit, alert or emerg", "notice",
        "The error log's level.");

    public static ConfigMapKeySpec DisableAccessLog { get; } = new("disable-access-log", Boolean, "false", "No access log at all.");

    public static ConfigMapKeySpec SkipAccessLogUrls { get; } = new("skip-access-log-urls",
        "comma-separated request URIs (letters, digits and \"/-._~%?=&\"), or regexes after ~ as in block-user-agents", "(none)",
        "Requests whose URI (with its query) is one of these, or matches, are not logged.");

    public static ConfigMapKeySpec UseForwardedHeaders { get; } = new("use-forwarded-headers", Boolean, "false",
        "Trust and pass on the client's X-Forwarded-For/-Proto/-Port/-Host (behind an L7 load balancer); when false they are replaced.");

    public static ConfigMapKeySpec EnableRealIp { get; } = new("enable-real-ip", Boolean, "false",
        "Take the client address from forwarded-for-header when the peer is in proxy-real-ip-cidr.");

    public static ConfigMapKeySpec ForwardedForHeader { get; } = new("forwarded-for-header", "a header name: letters, digits and \"-\"", "X-Forwarded-For",
        "The header the real client address is read from.");

    public static ConfigMapKeySpec ComputeFullForwardedFor { get; } = new("compute-full-forwarded-for", Boolean, "false",
        "With use-forwarded-headers, append the peer's address to X-Forwarded-For instead of replacing it.");

    public static ConfigMapKeySpec ProxyRealIpCidr { get; } = new("proxy-real-ip-cidr", "comma-separated IPv4 or IPv6 addresses or CIDR ranges", "0.0.0.0/0",
        "The peers trusted to say the client's address.");

    public static ConfigMapKeySpec UseProxyProtocol { get; } = new("use-proxy-protocol", Boolean, "false",
        "Expect the PROXY protocol on the HTTP and HTTPS listeners, and take the client address from it.");

    public static ConfigMapKeySpec UseGzip { get; } = new("use-gzip", Boolean, "false", "Compress responses with gzip.");

    public static ConfigMapKeySpec GzipLevel { get; } = new("gzip-level", "a whole number from 1 to 9", "1", "gzip_comp_level.");

    public static ConfigMapKeySpec GzipMinLength { get; } = new("gzip-min-length", WholeNumber, "256", "Smaller responses are not compressed.");

    public static ConfigMapKeySpec GzipTypes { get; } = new("gzip-types", "space-separated MIME types (type/subtype of letters, digits and \"-.+\"), or *",
        "ingress-nginx's list (text/css, application/json, …)", "The Content-Types that are compressed.");

    public static ConfigMapKeySpec ServerTokens { get; } = new("server-tokens", Boolean, "false", "Send nginx's version in the Server header and error pages.");

    public static ConfigMapKeySpec GenerateRequestId { get; } = new("generate-request-id", Boolean, "true",
        "Give a request without X-Request-ID a random one ($req_id, sent to the backend).");

    public static ConfigMapKeySpec BlockCidrs { get; } = new("block-cidrs", "comma-separated IPv4 or IPv6 addresses or CIDR ranges", "(none)",
        "Clients from these ranges get 403 everywhere, even on locations with an allowlist.");

    public static ConfigMapKeySpec BlockUserAgents { get; } = new("block-user-agents", MatchList, "(none)", "Requests whose User-Agent is one of these, or matches, get 403.");

    public static ConfigMapKeySpec BlockReferers { get; } = new("block-referers", MatchList, "(none)", "Requests whose Referer is one of these, or matches, get 403.");

    public static ConfigMapKeySpec LimitReqStatusCode { get; } = new("limit-req-status-code", "a status from 400 to 599", "503", "limit_req_status.");

    public static ConfigMapKeySpec LimitConnStatusCode { get; } = new("limit-conn-status-code", "a status from 400 to 599", "503", "limit_conn_status.");

    public static ConfigMapKeySpec ServerNameHashMaxSize { get; } = new("server-name-hash-max-size", WholeNumber, "1024",
        "server_names_hash_max_size; never below what the hosts need.");

    public static ConfigMapKeySpec ServerNameHashBucketSize { get; } = new("server-name-hash-bucket-size", WholeNumber, "(computed from the longest name)",
        "server_names_hash_bucket_size; never below what the longest name needs.");

    public static ConfigMapKeySpec VariablesHashBucketSize { get; } = new("variables-hash-bucket-size", WholeNumber, "256", "variables_hash_bucket_size.");

    public static ConfigMapKeySpec VariablesHashMaxSize { get; } = new("variables-hash-max-size", WholeNumber, "2048", "variables_hash_max_size.");

    public static ConfigMapKeySpec BindAddress { get; } = new("bind-address", "comma-separated IPv4 and IPv6 addresses", "(every address)",
        "Listen on these addresses only: the IPv4 ones replace 0.0.0.0, the IPv6 ones replace [::].");

    public static ConfigMapKeySpec DisableIpv6 { get; } = new("disable-ipv6", Boolean, "false",
        "No IPv6 listeners. Without it nginx also listens on [::] (the controller leaves IPv6 out on a host without it; render assumes IPv6).");

    public static IReadOnlyList<ConfigMapKeySpec> All { get; } =
    [
        WorkerProcesses, MaxWorkerConnections, WorkerShutdownTimeout, KeepAlive, KeepAliveRequests,
        UpstreamKeepaliveConnections, UpstreamKeepaliveTimeout, UpstreamKeepaliveRequests,
        ClientHeaderBufferSize, ClientHeaderTimeout, ClientBodyTimeout, LargeClientHeaderBuffers,
        LogFormatUpstream, LogFormatEscapeJson, LogFormatEscapeNone, AccessLogPath, AccessLogParams, ErrorLogPath, ErrorLogLevel, DisableAccessLog, SkipAccessLogUrls,
        UseForwardedHeaders, EnableRealIp, ForwardedForHeader, ComputeFullForwardedFor, ProxyRealIpCidr, UseProxyProtocol,
        UseGzip, GzipLevel, GzipMinLength, GzipTypes, ServerTokens, GenerateRequestId,
        BlockCidrs, BlockUserAgents, BlockReferers, LimitReqStatusCode, LimitConnStatusCode,
        ServerNameHashMaxSize, ServerNameHashBucketSize, VariablesHashBucketSize, VariablesHashMaxSize,
        BindAddress, DisableIpv6,
    ];
}
