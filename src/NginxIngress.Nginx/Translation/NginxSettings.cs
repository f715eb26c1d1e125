namespace NginxIngress.Nginx.Translation;

/// <summary>
/// How this nginx instance runs, as opposed to what it routes: ports from the command line, and defaults
/// that ingress-nginx users know (ConfigMap keys of the same meaning).
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

    /// <summary>ConfigMap <c>bind-address</c>: listen on this address only; null listens on every address.</summary>
    public System.Net.IPAddress? BindAddress { get; init; }

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
    /// the default is 32.
    /// </summary>
    public int UpstreamKeepaliveConnections { get; init; } = 32;

    /// <summary>
    /// Where Debian's nginx keeps its dynamic modules (libnginx-mod-*). Our nginx.conf is not Debian's, so it does not
    /// include <c>modules-enabled/</c>: it loads by absolute path only the modules it uses.
    /// </summary>
    public string ModulesDirectory { get; init; } = "/usr/lib/nginx/modules";
}
