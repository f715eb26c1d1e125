using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Backend selection (reference §2.1): which protocol reaches the backend, how its upstream is formed and balanced,
/// and where errors and Services without endpoints go. <c>upstream-hash-by-subset</c>, AUTO_HTTP and FCGI are not supported.
/// </summary>
public static partial class UpstreamAnnotationSpecs
{
    public const string CodesText = "comma-separated HTTP status codes from 300 to 599";

    public static AnnotationSpec BackendProtocol { get; } = new("backend-protocol", null, AnnotationScope.Location, AnnotationRisk.Low,
        ProtocolGrammar(), "HTTP, HTTPS, GRPC or GRPCS, in any case (AUTO_HTTP and FCGI are not supported)", "HTTP", "Upstream",
        "How nginx talks to the backend: HTTPS is proxy_pass https://, GRPC and GRPCS are grpc_pass grpc:// and grpcs:// (clients must "
        + "reach nginx over HTTPS, where HTTP/2 is on), with the proxy timeouts as grpc_*_timeout.");

    public static AnnotationSpec ServiceUpstream { get; } = new("service-upstream", null, AnnotationScope.Ingress, AnnotationRisk.Low,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "false", "Upstream",
        "\"true\" proxies to the Service's ClusterIP and port as one upstream server instead of its endpoints; a Service without a "
        + "ClusterIP (headless) keeps its endpoints, with a warning. The oldest Ingress naming a Service port decides.");

    public static AnnotationSpec LoadBalance { get; } = new("load-balance", "load-balance", AnnotationScope.Location, AnnotationRisk.Low,
        LoadBalanceGrammar(), "round_robin or ewma", "round_robin", "Upstream",
        "The upstream's algorithm. OSS nginx has no EWMA: ewma becomes least_conn, which also prefers the less loaded endpoints. "
        + "Every Ingress naming a Service port shares its upstream: the oldest decides, a differing later one gets a warning.");

    public static AnnotationSpec UpstreamHashBy { get; } = new("upstream-hash-by", null, AnnotationScope.Location, AnnotationRisk.High,
        HashByGrammar(), "nginx variables ($name) and literal letters, digits, \"_\" and \"-\", e.g. $request_uri or $binary_remote_addr$http_x_user",
        "(none)", "Upstream",
        "Consistent hashing (hash <value> consistent) on this key; it takes precedence over load-balance. The oldest Ingress naming a "
        + "Service port decides. upstream-hash-by-subset is not supported.");

    public static AnnotationSpec DefaultBackend { get; } = new("default-backend", null, AnnotationScope.Location, AnnotationRisk.Low,
        ServiceNameGrammar(), "a Service name (a DNS label) in the Ingress's namespace", "(none)", "Upstream",
        "A Service (its first port) that serves the Ingress's paths whose Service has no ready endpoints (sent with X-Code 503 and its "
        + "family), and receives the custom-http-errors. A missing Service is a warning and is ignored.");

    public static AnnotationSpec CustomHttpErrors { get; } = new("custom-http-errors", "custom-http-errors", AnnotationScope.Location, AnnotationRisk.Low,
        CodesGrammar(), CodesText, "(none)", "Upstream",
        "Responses with these codes are replaced by the default-backend Service's answer, sent / with X-Code, X-Format, X-Original-URI, "
        + "X-Namespace, X-Ingress-Name, X-Service-Name, X-Service-Port and X-Request-ID; without a default-backend nginx answers the code itself.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [BackendProtocol, ServiceUpstream, LoadBalance, UpstreamHashBy, DefaultBackend, CustomHttpErrors];

    [GeneratedRegex(@"^(?i:HTTP|HTTPS|GRPC|GRPCS)\z")]
    private static partial Regex ProtocolGrammar();

    [GeneratedRegex(@"^(round_robin|ewma)\z")]
    private static partial Regex LoadBalanceGrammar();

    /// <summary>
    /// Only <c>$name</c> variables and plain text: nginx expands the variables, which is the point, while quoting,
    /// braces (<c>${name}</c>), spaces and positional captures (<c>$1</c>) are refused.
    /// </summary>
    [GeneratedRegex(@"^(\$[A-Za-z_][A-Za-z0-9_]{0,63}|[A-Za-z0-9_-]{1,64}){1,8}\z")]
    private static partial Regex HashByGrammar();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex ServiceNameGrammar();

    [GeneratedRegex(@"^ *[3-5][0-9]{2} *(, *[3-5][0-9]{2} *){0,31}\z")]
    internal static partial Regex CodesGrammar();
}
