using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>How a location hands its request to the upstream (<c>backend-protocol</c>) and which answers it intercepts (<c>custom-http-errors</c>).</summary>
public sealed record PassConfig
{
    /// <summary><c>proxy_pass</c> or <c>grpc_pass</c>.</summary>
    public required string Directive { get; init; }

    /// <summary>The scheme and upstream name, e.g. <c>https://ns.web.443</c>; a static name, never a variable (see NginxConfigTranslator).</summary>
    public required string Url { get; init; }

    /// <summary>gRPC: the headers are <c>grpc_set_header</c>, which nothing at http level sets, so the location always sets them.</summary>
    public bool IsGrpc { get; init; }

    /// <summary>
    /// The location's Service has no ready endpoints and the default-backend annotation's Service answers instead; as in
    /// ingress-nginx (buildProxyPass, "custom-default-backend-"), it is told so with X-Code 503 and the rest of the family.
    /// </summary>
    public bool ServesFallback { get; init; }

    /// <summary><c>proxy_set_header</c> or <c>grpc_set_header</c>.</summary>
    public string HeaderDirective => IsGrpc ? "grpc_set_header" : "proxy_set_header";

    /// <summary><c>proxy_intercept_errors</c> or <c>grpc_intercept_errors</c>.</summary>
    public string InterceptDirective => IsGrpc ? "grpc_intercept_errors" : "proxy_intercept_errors";

    /// <summary>gRPC's own timeouts (the proxy_* ones do not apply to grpc_pass), from the location's proxy tuning.</summary>
    public EquatableArray<DirectiveConfig> Timeouts { get; init; } = EquatableArray<DirectiveConfig>.Empty;

    /// <summary>Codes sent to a named error location; not empty turns on the intercept.</summary>
    public EquatableArray<ErrorPageConfig> ErrorPages { get; init; } = EquatableArray<ErrorPageConfig>.Empty;

    public bool InterceptsErrors => ErrorPages.Count > 0;
}
