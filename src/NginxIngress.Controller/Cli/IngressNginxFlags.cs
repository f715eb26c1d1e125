using System.Collections.Frozen;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// Every flag the ingress-nginx controller binary accepts, by name, split by whether it takes a value.
/// </summary>
/// <remarks>
/// Source: kubernetes/ingress-nginx <c>pkg/flags/flags.go</c> (<c>ParseFlags</c>, commit 034c3ccad41374822a9180dceb3e5b999dc43f2f),
/// which <c>cmd/nginx/main.go</c> calls, plus klog v2's <c>InitFlags</c>: main.go calls <c>klog.InitFlags(nil)</c> and
/// flags.go merges Go's <c>flag.CommandLine</c> in with <c>AddGoFlagSet</c>, so <c>--v</c>, <c>--logtostderr</c> and the other
/// klog flags are controller flags too. Names are kept exactly (klog's use underscores; pflag does not normalise them).
/// The split matters to the parser: a flag with a value takes the next token (<c>--configmap ns/name</c>), so that token
/// is not an unknown argument, while a boolean takes it only when it is <c>true</c> or <c>false</c>, as our own booleans do.
/// </remarks>
internal static class IngressNginxFlags
{
    public static FrozenSet<string> Boolean { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        // pkg/flags/flags.go
        "deep-inspect",
        "disable-catch-all",
        "disable-full-test",
        "disable-leader-election",
        "disable-svc-external-name",
        "disable-sync-events",
        "enable-annotation-validation",
        "enable-metrics",
        "enable-ssl-chain-completion",
        "enable-ssl-passthrough",
        "enable-topology-aware-routing",
        "ingress-class-by-name",
        "metrics-per-host",
        "metrics-per-undefined-host",
        "profiling",
        "report-node-internal-ip-address",
        "report-status-classes",
        "update-status",
        "update-status-on-shutdown",
        "version",
        "watch-ingress-without-class",
        // Retired from flags.go in earlier releases, but still in the Deployment args of clusters that kept an
        // old mandatory.yaml: a drop-in replacement accepts them (with the usual warning) rather than fail to start.
        "enable-dynamic-certificates",
        "enable-dynamic-configuration",
        "force-namespace-isolation",
        "sort-backends",
        // klog v2
        "add_dir_header",
        "alsologtostderr",
        "logtostderr",
        "one_output",
        "skip_headers",
        "skip_log_headers",
    ]);

    public static FrozenSet<string> WithValue { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        // pkg/flags/flags.go
        "annotations-prefix",
        "apiserver-host",
        "bucket-factor",
        "certificate-authority",
        "configmap",
        "controller-class",
        "default-backend-service",
        "default-server-port",
        "default-ssl-certificate",
        "dynamic-configuration-retries",
        "election-id",
        "election-ttl",
        "exclude-socket-metrics",
        "health-check-path",
        "health-check-timeout",
        "healthz-host",
        "healthz-port",
        "http-port",
        "https-port",
        "ingress-class",
        "internal-logger-address",
        "kubeconfig",
        "length-buckets",
        "max-buckets",
        "maxmind-edition-ids",
        "maxmind-license-key",
        "maxmind-mirror",
        "maxmind-retries-count",
        "maxmind-retries-timeout",
        "monitor-max-batch-size",
        "post-shutdown-grace-period",
        "profiler-address",
        "profiler-port",
        "publish-service",
        "publish-status-address",
        "shutdown-grace-period",
        "size-buckets",
        "ssl-passthrough-proxy-port",
        "status-port",
        "status-update-interval",
        "stream-port",
        "sync-period",
        "sync-rate-limit",
        "tcp-services-configmap",
        "time-buckets",
        "udp-services-configmap",
        "validating-webhook",
        "validating-webhook-certificate",
        "validating-webhook-key",
        "watch-namespace",
        "watch-namespace-selector",
        // klog v2
        "log_backtrace_at",
        "log_dir",
        "log_file",
        "log_file_max_size",
        "stderrthreshold",
        "v",
        "vmodule",
    ]);

    /// <summary>The flag as users write it: <c>--configmap</c>. pflag also accepts <c>-v</c> for the one-letter <c>v</c>.</summary>
    public static IEnumerable<string> Spellings(string name) => name.Length == 1 ? [$"--{name}", $"-{name}"] : [$"--{name}"];
}
