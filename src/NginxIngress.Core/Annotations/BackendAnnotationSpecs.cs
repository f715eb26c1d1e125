using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// What the backend is told and what is logged (reference §2.1): <c>upstream-vhost</c>, <c>connection-proxy-header</c> and
/// <c>enable-access-log</c>.
/// </summary>
public static partial class BackendAnnotationSpecs
{
    public static AnnotationSpec UpstreamVhost { get; } = new("upstream-vhost", null, AnnotationScope.Location, AnnotationRisk.Low,
        HostGrammar(), "a host name of letters, digits, \".\" and \"-\", with an optional :port", "(the request's Host)", "Backend",
        "The Host header sent to the backend instead of the request's (X-Forwarded-Host keeps the request's).");

    public static AnnotationSpec EnableAccessLog { get; } = new("enable-access-log", null, AnnotationScope.Location, AnnotationRisk.Low,
        AnnotationRegistry.BooleanGrammar(), "\"true\" or \"false\"", "true", "Backend",
        "\"false\" turns the access log off for the Ingress's paths.");

    public static AnnotationSpec ConnectionProxyHeader { get; } = new("connection-proxy-header", null, AnnotationScope.Location, AnnotationRisk.Low,
        ConnectionGrammar(), "comma-separated tokens of letters, digits and \"-\" (e.g. keep-alive, close)", "(upgrade for a WebSocket request, else empty)", "Backend",
        "The Connection header sent to the backend instead of the default, which keeps upstream keepalive and lets WebSocket upgrades through.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [UpstreamVhost, ConnectionProxyHeader, EnableAccessLog];

    [GeneratedRegex(@"^[A-Za-z0-9\-]{1,32}(?:, ?[A-Za-z0-9\-]{1,32}){0,7}\z")]
    private static partial Regex ConnectionGrammar();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?\z")]
    private static partial Regex HostGrammar();
}
