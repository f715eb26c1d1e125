using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>The access log: its format and where it goes.</summary>
public sealed record LogConfig
{
    /// <summary>The <c>upstreaminfo</c> format, printed as one quoted token (its <c>$variables</c> passed LogFormatGrammar).</summary>
    public required string Format { get; init; }

    /// <summary><c>json</c>, <c>none</c>, or null for nginx's default escaping.</summary>
    public string? Escape { get; init; }

    /// <summary>The access log's path; null prints <c>access_log off</c>.</summary>
    public string? AccessLog { get; init; }

    /// <summary>Extra parameters (buffer=, flush=, gzip), one token each.</summary>
    public required EquatableArray<string> AccessLogParams { get; init; }

    /// <summary>Map keys on <c>$request_uri</c> that are not logged.</summary>
    public required EquatableArray<string> SkipUrls { get; init; }
}
