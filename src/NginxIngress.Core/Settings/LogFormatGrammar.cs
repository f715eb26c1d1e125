using System.Text.RegularExpressions;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The allow-list of <c>log-format-upstream</c>. A log format is a template: its <c>$variables</c> are its point, so
/// they stay, but each must name a variable this nginx defines, or <c>nginx -t</c> would refuse the whole config
/// ("unknown variable"). Quotes, braces and <c>#</c> are inert inside the one double-quoted token NginxSyntax prints
/// (JSON formats need them); a backslash, a semicolon or a control character is refused, so nothing can end that
/// token early, even in a reader that does not know nginx's quoting.
/// </summary>
public static partial class LogFormatGrammar
{
    /// <summary>ingress-nginx's default <c>log-format-upstream</c>.</summary>
    public const string Default =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_length $request_time "
        + "[$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id";

    /// <summary>Whole-name variables: nginx's own (core, proxy, upstream, realip, ssl, gzip…) and those this config defines.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "args", "binary_remote_addr", "body_bytes_sent", "bytes_sent", "connection", "connection_requests", "connection_time", "content_length",
        "content_type", "document_root", "document_uri", "host", "hostname", "https", "http2", "is_args", "limit_rate", "msec", "nginx_version", "pid",
        "pipe", "proxy_protocol_addr", "proxy_protocol_port", "proxy_protocol_server_addr", "proxy_protocol_server_port", "query_string",
        "realip_remote_addr", "realip_remote_port", "remote_addr", "remote_port", "remote_user", "request", "request_body", "request_completion",
        "request_id", "request_length", "request_method", "request_time", "request_uri", "scheme", "server_addr", "server_name", "server_port",
        "server_protocol", "status", "tcpinfo_rtt", "tcpinfo_rttvar", "tcpinfo_snd_cwnd", "tcpinfo_rcv_space", "time_iso8601", "time_local", "uri",
        "gzip_ratio", "proxy_host", "proxy_port", "proxy_add_x_forwarded_for",
        "upstream_addr", "upstream_bytes_received", "upstream_bytes_sent", "upstream_cache_status", "upstream_connect_time", "upstream_header_time",
        "upstream_response_length", "upstream_response_time", "upstream_status",
        "ssl_cipher", "ssl_ciphers", "ssl_curves", "ssl_early_data", "ssl_protocol", "ssl_server_name", "ssl_session_id", "ssl_session_reused",
        "ssl_client_verify", "ssl_client_s_dn", "ssl_client_i_dn", "ssl_client_serial", "ssl_client_fingerprint",
        // Defined by this controller's config (maps, and set in every server or location).
        "proxy_upstream_name", "proxy_alternative_upstream_name", "req_id", "namespace", "ingress_name", "service_name", "service_port",
        "best_http_host", "pass_access_scheme", "pass_server_port", "pass_port", "full_x_forwarded_for",
    };

    /// <summary>Families nginx defines for any suffix (a header, cookie or query argument name).</summary>
    private static readonly string[] Prefixes =
        ["http_", "sent_http_", "sent_trailer_", "cookie_", "arg_", "upstream_http_", "upstream_cookie_", "upstream_trailer_"];

    /// <summary>Whether <paramref name="format"/> is an acceptable log format.</summary>
    public static bool Accepts(string format)
    {
        if (format.Length is 0 or > 4096 || format.Any(c => char.IsControl(c) || c is '\\' or ';'))
        {
            return false;
        }
        for (var at = format.IndexOf('$'); at >= 0; at = format.IndexOf('$', at + 1))
        {
            var match = VariableGrammar().Match(format, at);
            if (!match.Success || match.Index != at || !IsKnown(match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["name"].Value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsKnown(string name) =>
        Known.Contains(name) || Prefixes.Any(prefix => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"\G\$(?:\{(?<braced>[A-Za-z0-9_]+)\}|(?<name>[A-Za-z0-9_]+))")]
    private static partial Regex VariableGrammar();
}
