using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>
/// One location's CORS answer, as ingress-nginx's template writes it: <see cref="OriginPattern"/> decides whether the
/// request's Origin is allowed (null allows every origin, and the header then says <c>*</c>), and the allowed requests get
/// <see cref="Headers"/>; a preflight (OPTIONS) is answered 204 by nginx itself.
/// </summary>
public sealed record CorsConfig
{
    /// <summary>A case-insensitive regex over the whole Origin header; null allows any origin. Never empty.</summary>
    public required string? OriginPattern { get; init; }

    /// <summary>True when no origin was allowed (every listed origin was skipped): the headers are never sent.</summary>
    public required bool NoOrigin { get; init; }

    /// <summary><c>Name: value</c> lines after Access-Control-Allow-Origin, in ingress-nginx's order.</summary>
    public required EquatableArray<string> Headers { get; init; }
}
