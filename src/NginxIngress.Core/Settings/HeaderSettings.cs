using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary>What responses and requests carry beyond the proxied bytes: gzip, the Server header, X-Request-ID, limit statuses (reference §3).</summary>
public sealed partial record HeaderSettings
{
    /// <summary>ingress-nginx's <c>gzip-types</c> default.</summary>
    public static readonly EquatableArray<string> DefaultGzipTypes = new[]
    {
        "application/atom+xml", "application/javascript", "application/x-javascript", "application/json", "application/rss+xml",
        "application/vnd.ms-fontobject", "application/x-font-ttf", "application/x-web-app-manifest+json", "application/xhtml+xml", "application/xml",
        "font/opentype", "image/svg+xml", "image/x-icon", "text/css", "text/javascript", "text/plain", "text/x-component",
    }.ToEquatableArray();

    // After DefaultGzipTypes: static fields initialise in order, and Default reads it.
    public static readonly HeaderSettings Default = new();

    /// <summary><c>use-gzip</c>.</summary>
    public bool UseGzip { get; init; }

    /// <summary><c>gzip-level</c>, 1 to 9.</summary>
    public int GzipLevel { get; init; } = 1;

    /// <summary><c>gzip-min-length</c>, bytes.</summary>
    public int GzipMinLength { get; init; } = 256;

    /// <summary><c>gzip-types</c>.</summary>
    public EquatableArray<string> GzipTypes { get; init; } = DefaultGzipTypes;

    /// <summary><c>server-tokens</c>.</summary>
    public bool ServerTokens { get; init; }

    /// <summary><c>generate-request-id</c>.</summary>
    public bool GenerateRequestId { get; init; } = true;

    /// <summary><c>limit-req-status-code</c>.</summary>
    public int LimitReqStatusCode { get; init; } = 503;

    /// <summary><c>limit-conn-status-code</c>.</summary>
    public int LimitConnStatusCode { get; init; } = 503;

    internal static HeaderSettings From(ConfigMapReader reader)
    {
        var d = Default;
        return new HeaderSettings
        {
            UseGzip = reader.Read(HttpConfigMapKeys.UseGzip, d.UseGzip, ConfigMapValues.Bool),
            GzipLevel = reader.Read(HttpConfigMapKeys.GzipLevel, d.GzipLevel, ConfigMapValues.Int(1, 9)),
            GzipMinLength = reader.Read(HttpConfigMapKeys.GzipMinLength, d.GzipMinLength, ConfigMapValues.Int(0, 1_000_000_000)),
            GzipTypes = reader.Read(HttpConfigMapKeys.GzipTypes, d.GzipTypes, ParseTypes),
            ServerTokens = reader.Read(HttpConfigMapKeys.ServerTokens, d.ServerTokens, ConfigMapValues.Bool),
            GenerateRequestId = reader.Read(HttpConfigMapKeys.GenerateRequestId, d.GenerateRequestId, ConfigMapValues.Bool),
            LimitReqStatusCode = reader.Read(HttpConfigMapKeys.LimitReqStatusCode, d.LimitReqStatusCode, ConfigMapValues.Int(400, 599)),
            LimitConnStatusCode = reader.Read(HttpConfigMapKeys.LimitConnStatusCode, d.LimitConnStatusCode, ConfigMapValues.Int(400, 599)),
        };
    }

    private static (bool, EquatableArray<string>) ParseTypes(string value)
    {
        var types = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return types.Length > 0 && types.All(type => type == "*" || MimeTypeGrammar().IsMatch(type))
            ? (true, types.Distinct().ToEquatableArray()) : (false, EquatableArray<string>.Empty);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][-A-Za-z0-9.+]{0,126}/(?:\*|[A-Za-z0-9][-A-Za-z0-9.+]{0,126})\z")]
    private static partial System.Text.RegularExpressions.Regex MimeTypeGrammar();
}
