using System.Globalization;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// The proxy tuning directives of a <see cref="ProxyModel"/>, in a fixed order. The http level prints the
/// ConfigMap's; a location prints only those its Ingress's annotations change, so an unannotated location inherits.
/// </summary>
internal static class ProxyDirectives
{
    public static EquatableArray<DirectiveConfig> For(ProxyModel proxy)
    {
        var directives = new List<DirectiveConfig>
        {
            Directive("client_max_body_size", proxy.BodySize),
            Directive("client_body_buffer_size", proxy.ClientBodyBufferSize),
            Directive("proxy_http_version", proxy.HttpVersion),
            Directive("proxy_connect_timeout", Seconds(proxy.ConnectTimeoutSeconds)),
            Directive("proxy_send_timeout", Seconds(proxy.SendTimeoutSeconds)),
            Directive("proxy_read_timeout", Seconds(proxy.ReadTimeoutSeconds)),
            Directive("proxy_buffering", proxy.Buffering),
            Directive("proxy_buffer_size", proxy.BufferSize),
            Directive("proxy_buffers", proxy.BuffersNumber.ToString(CultureInfo.InvariantCulture), proxy.BufferSize),
            Directive("proxy_request_buffering", proxy.RequestBuffering),
            new DirectiveConfig("proxy_next_upstream", proxy.NextUpstream),
            Directive("proxy_next_upstream_tries", proxy.NextUpstreamTries.ToString(CultureInfo.InvariantCulture)),
            Directive("proxy_next_upstream_timeout", Seconds(proxy.NextUpstreamTimeoutSeconds)),
        };
        return directives.ToEquatableArray();
    }

    /// <summary>The directives of <paramref name="location"/> that differ from those the http level already sets.</summary>
    public static EquatableArray<DirectiveConfig> Overrides(ProxyModel location, ProxyModel http) =>
        location == http ? EquatableArray<DirectiveConfig>.Empty : For(location).Except(For(http)).ToEquatableArray();

    private static DirectiveConfig Directive(string name, params string[] args) => new(name, args.ToEquatableArray());

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture) + "s";
}
