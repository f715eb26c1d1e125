using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Model;

/// <summary>
/// How nginx proxies one location (ingress-nginx's proxy-* keys), every value already through its allow-list: sizes
/// in nginx's syntax (<c>1m</c>), times in whole seconds. The http level holds the ConfigMap's values; a location
/// whose Ingress annotates different ones gets its own.
/// </summary>
public sealed record ProxyModel
{
    /// <summary>ingress-nginx's defaults (reference §2.1, §3).</summary>
    public static readonly ProxyModel Default = new();

    /// <summary><c>proxy-body-size</c>: requests with a larger body get 413.</summary>
    public string BodySize { get; init; } = "1m";

    public int ConnectTimeoutSeconds { get; init; } = 5;

    public int SendTimeoutSeconds { get; init; } = 60;

    public int ReadTimeoutSeconds { get; init; } = 60;

    /// <summary><c>proxy-buffering</c>: <c>on</c> or <c>off</c>.</summary>
    public string Buffering { get; init; } = "off";

    public string BufferSize { get; init; } = "4k";

    public int BuffersNumber { get; init; } = 4;

    /// <summary><c>proxy-request-buffering</c>: <c>on</c> or <c>off</c>.</summary>
    public string RequestBuffering { get; init; } = "on";

    /// <summary><c>client-body-buffer-size</c>.</summary>
    public string ClientBodyBufferSize { get; init; } = "8k";

    /// <summary><c>proxy-next-upstream</c>: the conditions, in the order given.</summary>
    public EquatableArray<string> NextUpstream { get; init; } = new[] { "error", "timeout" }.ToEquatableArray();

    public int NextUpstreamTries { get; init; } = 3;

    /// <summary><c>proxy-next-upstream-timeout</c>; 0 is no limit.</summary>
    public int NextUpstreamTimeoutSeconds { get; init; }

    /// <summary><c>proxy-http-version</c>: 1.0 or 1.1.</summary>
    public string HttpVersion { get; init; } = "1.1";
}
