using System.Globalization;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// The pass directive of a proxied location (backend-protocol) and its custom-http-errors, as ingress-nginx's
/// nginx.tmpl writes them (buildProxyPass, proxySetHeader, CUSTOM_ERRORS).
/// </summary>
internal static class BackendPass
{
    public static PassConfig For(LocationModel location, string upstream, bool servesFallback, IReadOnlySet<BackendRef> servedBackends)
    {
        var isGrpc = location.Protocol is BackendProtocol.Grpc or BackendProtocol.Grpcs;
        var scheme = location.Protocol switch
        {
            BackendProtocol.Https => "https://",
            BackendProtocol.Grpc => "grpc://",
            BackendProtocol.Grpcs => "grpcs://",
            _ => "http://",
        };
        // The controller's own locations (Ingress null) have no custom errors: only an Ingress asks for them.
        var errorUpstream = location.DefaultBackend is { } errors && servedBackends.Contains(errors) ? NginxNames.Upstream(errors) : null;
        var pages = location.Ingress is null
            ? EquatableArray<ErrorPageConfig>.Empty
            : location.CustomHttpErrors.Select(code => new ErrorPageConfig(code, NginxNames.CustomErrorLocation(errorUpstream, code), errorUpstream, errorUpstream is null ? null : NginxNames.UpstreamBlock(errorUpstream))).ToEquatableArray();
        return new PassConfig
        {
            Directive = isGrpc ? "grpc_pass" : "proxy_pass",
            Url = scheme + NginxNames.UpstreamBlock(upstream),
            IsGrpc = isGrpc,
            ServesFallback = servesFallback,
            Timeouts = isGrpc ? GrpcTimeouts(location.Proxy) : EquatableArray<DirectiveConfig>.Empty,
            ErrorPages = pages,
        };
    }

    /// <summary>ingress-nginx maps proxy-connect/send/read-timeout onto gRPC's timeouts for GRPC and GRPCS locations.</summary>
    private static EquatableArray<DirectiveConfig> GrpcTimeouts(ProxyModel proxy) => new[]
    {
        Seconds("grpc_connect_timeout", proxy.ConnectTimeoutSeconds),
        Seconds("grpc_send_timeout", proxy.SendTimeoutSeconds),
        Seconds("grpc_read_timeout", proxy.ReadTimeoutSeconds),
    }.ToEquatableArray();

    private static DirectiveConfig Seconds(string name, int seconds) =>
        new(name, new[] { seconds.ToString(CultureInfo.InvariantCulture) + "s" }.ToEquatableArray());
}
