namespace NginxIngress.Nginx.Translation;

/// <summary>
/// How this nginx instance runs, as opposed to what it routes: ports from the command line, and the defaults of
/// the ConfigMap keys that depend on where nginx runs (bind-address, worker-processes, max-worker-connections,
/// access-log-path, error-log-path, error-log-level, upstream-keepalive-connections). A key the ConfigMap sets wins.
/// </summary>
public sealed record NginxSettings
{
    public static readonly NginxSettings Default = new();

    public int HttpPort { get; init; } = 80;

    /// <summary><c>--https-port</c>.</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>
    /// The certificate served when no other fits and no <c>--default-ssl-certificate</c> is usable; null uses the fake
    /// certificate generated once per process (<see cref="FallbackCertificate"/>).
    /// </summary>
    public Core.Tls.TlsCertificate? DefaultCertificate { get; init; }

    /// <summary>
    /// Listen on this address only (the test harness's per-test loopback address); null listens on every address.
    /// The ConfigMap's <c>bind-address</c> replaces it.
    /// </summary>
    public System.Net.IPAddress? BindAddress { get; init; }

    /// <summary>
    /// Whether the host has IPv6, so that servers also listen on <c>[::]</c> unless the ConfigMap says
    /// <c>disable-ipv6</c>. <c>run</c> probes it at start (<see cref="Ipv6Probe"/>); <c>render</c> keeps this default,
    /// true, so that its output does not depend on the machine it runs on. Test harnesses that bind a per-test
    /// loopback address set it to false: <c>[::]:port</c> would be shared between them.
    /// </summary>
    public bool Ipv6 { get; init; } = true;

    /// <summary>ingress-nginx's <c>--status-port</c>: an internal loopback port.</summary>
    public int StatusPort { get; init; } = 10246;

    public string WorkerProcesses { get; init; } = "auto";

    /// <summary>ConfigMap <c>max-worker-connections</c>.</summary>
    public int WorkerConnections { get; init; } = 16384;

    /// <summary>A file path or <c>off</c>. The container default writes to stdout, as ingress-nginx's image does.</summary>
    public string AccessLog { get; init; } = "/dev/stdout";

    public string ErrorLog { get; init; } = "stderr";

    /// <summary>ConfigMap <c>error-log-level</c>.</summary>
    public string ErrorLogLevel { get; init; } = "notice";

    /// <summary>
    /// Idle keepalive connections each worker caches per upstream (one upstream per Service port).
    /// ingress-nginx's <c>upstream-keepalive-connections</c> default of 320 is for its single shared upstream;
    /// nginx reserves room for the whole cache in every upstream block (about 45 KB at 320), so per Service
    /// the default is 32. The ConfigMap key, when set, replaces it (0 turns upstream keepalive off).
    /// </summary>
    public int UpstreamKeepaliveConnections { get; init; } = 32;

    /// <summary>
    /// Where Debian's nginx keeps its dynamic modules (libnginx-mod-*). Our nginx.conf is not Debian's, so it does not
    /// include <c>modules-enabled/</c>: it loads by absolute path only the modules it uses.
    /// </summary>
    public string ModulesDirectory { get; init; } = "/usr/lib/nginx/modules";
}
