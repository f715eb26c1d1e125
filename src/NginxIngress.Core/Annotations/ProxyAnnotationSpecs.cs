using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// The proxy tuning annotations (reference §2.1, "Proxy tuning"): location-scoped, each with the ConfigMap key of
/// the same name as its default, and ingress-nginx's grammars and defaults. Timeouts are whole seconds.
/// </summary>
public static partial class ProxyAnnotationSpecs
{
    public const string SizeText = "an nginx size: digits with an optional k, m or g (e.g. 8k, 10m)";
    public const string SecondsText = "a whole number of seconds";
    public const string OnOffText = "\"on\" or \"off\"";
    public const string NextUpstreamText =
        "space-separated conditions among error, timeout, invalid_header, http_500, http_502, http_503, http_504, http_403, http_404, http_429, non_idempotent, off";

    public static AnnotationSpec BodySize { get; } = Spec("proxy-body-size", AnnotationRisk.Medium, SizeGrammar(), SizeText, "1m",
        "client_max_body_size: a request with a larger body gets 413.");

    public static AnnotationSpec ConnectTimeout { get; } = Spec("proxy-connect-timeout", AnnotationRisk.Low, SecondsGrammar(), SecondsText, "5",
        "proxy_connect_timeout, in seconds.");

    public static AnnotationSpec SendTimeout { get; } = Spec("proxy-send-timeout", AnnotationRisk.Low, SecondsGrammar(), SecondsText, "60",
        "proxy_send_timeout, in seconds.");

    public static AnnotationSpec ReadTimeout { get; } = Spec("proxy-read-timeout", AnnotationRisk.Low, SecondsGrammar(), SecondsText, "60",
        "proxy_read_timeout, in seconds: a backend silent for longer gets the client a 504.");

    public static AnnotationSpec Buffering { get; } = Spec("proxy-buffering", AnnotationRisk.Low, OnOffGrammar(), OnOffText, "off",
        "proxy_buffering: buffer responses from the backend.");

    public static AnnotationSpec BufferSize { get; } = Spec("proxy-buffer-size", AnnotationRisk.Low, SizeGrammar(), SizeText, "4k",
        "proxy_buffer_size, and the size of each of proxy_buffers.");

    public static AnnotationSpec BuffersNumber { get; } = Spec("proxy-buffers-number", AnnotationRisk.Low, CountGrammar(), "a number from 1 to 999", "4",
        "How many proxy_buffers.");

    public static AnnotationSpec RequestBuffering { get; } = Spec("proxy-request-buffering", AnnotationRisk.Low, OnOffGrammar(), OnOffText, "on",
        "proxy_request_buffering: read the whole request body before sending it to the backend.");

    public static AnnotationSpec ClientBodyBufferSize { get; } = Spec("client-body-buffer-size", AnnotationRisk.Low, SizeGrammar(), SizeText, "8k",
        "client_body_buffer_size.");

    public static AnnotationSpec NextUpstream { get; } = Spec("proxy-next-upstream", AnnotationRisk.Medium, NextUpstreamGrammar(), NextUpstreamText, "error timeout",
        "proxy_next_upstream: when a request is tried on the next endpoint.");

    public static AnnotationSpec NextUpstreamTries { get; } = Spec("proxy-next-upstream-tries", AnnotationRisk.Low, CountGrammar(), "a number from 1 to 999", "3",
        "proxy_next_upstream_tries.");

    public static AnnotationSpec NextUpstreamTimeout { get; } = Spec("proxy-next-upstream-timeout", AnnotationRisk.Low, SecondsGrammar(), SecondsText, "0",
        "proxy_next_upstream_timeout, in seconds; 0 sets no limit.");

    public static AnnotationSpec HttpVersion { get; } = Spec("proxy-http-version", AnnotationRisk.Low, HttpVersionGrammar(), "\"1.0\" or \"1.1\"", "1.1",
        "proxy_http_version towards the backend.");

    public static IReadOnlyList<AnnotationSpec> All { get; } =
    [
        BodySize, ConnectTimeout, SendTimeout, ReadTimeout, Buffering, BufferSize, BuffersNumber, RequestBuffering, ClientBodyBufferSize,
        NextUpstream, NextUpstreamTries, NextUpstreamTimeout, HttpVersion,
    ];

    private static AnnotationSpec Spec(string name, AnnotationRisk risk, Regex grammar, string grammarText, string defaultValue, string meaning) =>
        new(name, name, AnnotationScope.Location, risk, grammar, grammarText, defaultValue, "Proxy", meaning);

    [GeneratedRegex(@"^[0-9]{1,9}[kKmMgG]?\z")]
    public static partial Regex SizeGrammar();

    [GeneratedRegex(@"^[0-9]{1,6}\z")]
    public static partial Regex SecondsGrammar();

    [GeneratedRegex(@"^[1-9][0-9]{0,2}\z")]
    public static partial Regex CountGrammar();

    [GeneratedRegex(@"^(on|off)\z")]
    public static partial Regex OnOffGrammar();

    [GeneratedRegex(@"^(error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403|http_404|http_429|non_idempotent|off)( (error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403|http_404|http_429|non_idempotent|off))*\z")]
    public static partial Regex NextUpstreamGrammar();

    [GeneratedRegex(@"^1\.[01]\z")]
    public static partial Regex HttpVersionGrammar();
}
