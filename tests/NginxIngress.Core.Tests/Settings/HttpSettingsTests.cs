using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Tests.Settings;

/// <summary>
/// The http{}-level ConfigMap keys (HttpConfigMapKeys): each key's valid spellings, a value outside its grammar keeping
/// the default with one Warning naming the key, and ingress-nginx's defaults when the key is absent.
/// </summary>
public sealed class HttpSettingsTests
{
    private static readonly ObjectKey ConfigMap = new("ingress-nginx", "nginx-configuration");

    /// <summary>Key, a valid value, what the settings then say (as text), and what they say without the key.</summary>
    private static readonly (string Key, string Value, Func<HttpSettings, object?> Read, string Expected, string Default)[] Valid =
    [
        ("worker-processes", "4", s => s.Connections.WorkerProcesses, "4", "(null)"),
        ("worker-processes", "auto", s => s.Connections.WorkerProcesses, "auto", "(null)"),
        ("max-worker-connections", "2048", s => s.Connections.MaxWorkerConnections, "2048", "(null)"),
        ("max-worker-connections", "0", s => s.Connections.MaxWorkerConnections, "(null)", "(null)"),
        ("worker-shutdown-timeout", "30s", s => s.Connections.WorkerShutdownTimeout, "30s", "240s"),
        ("keep-alive", "0", s => s.Connections.KeepAliveSeconds, "0", "75"),
        ("keep-alive-requests", "50", s => s.Connections.KeepAliveRequests, "50", "1000"),
        ("upstream-keepalive-connections", "0", s => s.Connections.UpstreamKeepaliveConnections, "0", "(null)"),
        ("upstream-keepalive-connections", "320", s => s.Connections.UpstreamKeepaliveConnections, "320", "(null)"),
        ("upstream-keepalive-timeout", "30", s => s.Connections.UpstreamKeepaliveTimeoutSeconds, "30", "60"),
        ("upstream-keepalive-requests", "100", s => s.Connections.UpstreamKeepaliveRequests, "100", "10000"),
        ("client-header-buffer-size", "4k", s => s.Connections.ClientHeaderBufferSize, "4k", "1k"),
        ("client-header-timeout", "10", s => s.Connections.ClientHeaderTimeoutSeconds, "10", "60"),
        ("client-body-timeout", "120", s => s.Connections.ClientBodyTimeoutSeconds, "120", "60"),
        ("large-client-header-buffers", "8 16k", s => s.Connections.LargeClientHeaderBuffers, "(8, 16k)", "(4, 8k)"),
        ("log-format-upstream", "{\"time\": \"$time_iso8601\", \"ua\": \"$http_user_agent\", \"ns\": \"${namespace}\"} #",
            s => s.Logs.Format, "{\"time\": \"$time_iso8601\", \"ua\": \"$http_user_agent\", \"ns\": \"${namespace}\"} #", LogFormatGrammar.Default),
        ("log-format-escape-json", "true", s => s.Logs.EscapeJson, "True", "False"),
        ("log-format-escape-none", "true", s => s.Logs.EscapeNone, "True", "False"),
        ("access-log-path", "/var/log/nginx/access.log", s => s.Logs.AccessLogPath, "/var/log/nginx/access.log", "(null)"),
        ("access-log-params", "buffer=16k flush=1m gzip=5", s => string.Join('|', s.Logs.AccessLogParams), "buffer=16k|flush=1m|gzip=5", "buffer=64k|flush=1s"),
        ("access-log-params", "", s => string.Join('|', s.Logs.AccessLogParams), "", "buffer=64k|flush=1s"),
        ("error-log-path", "/var/log/nginx/error.log", s => s.Logs.ErrorLogPath, "/var/log/nginx/error.log", "(null)"),
        ("error-log-level", "warn", s => s.Logs.ErrorLogLevel, "warn", "(null)"),
        ("disable-access-log", "true", s => s.Logs.DisableAccessLog, "True", "False"),
        ("skip-access-log-urls", "/healthz, ~^/metrics$, /ready?full=1", s => string.Join('|', s.Logs.SkipUrls), "/healthz|~^/metrics$|/ready?full=1", ""),
        ("use-forwarded-headers", "true", s => s.Forwarding.UseForwardedHeaders, "True", "False"),
        ("enable-real-ip", "true", s => s.Forwarding.EnableRealIp, "True", "False"),
        ("forwarded-for-header", "CF-Connecting-IP", s => s.Forwarding.ForwardedForHeader, "CF-Connecting-IP", "X-Forwarded-For"),
        ("compute-full-forwarded-for", "true", s => s.Forwarding.ComputeFullForwardedFor, "True", "False"),
        ("proxy-real-ip-cidr", "10.0.0.0/8, 2001:db8::/32", s => string.Join('|', s.Forwarding.ProxyRealIpCidr), "10.0.0.0/8|2001:db8::/32", "0.0.0.0/0"),
        ("use-proxy-protocol", "true", s => s.Forwarding.UseProxyProtocol, "True", "False"),
        ("use-gzip", "true", s => s.Headers.UseGzip, "True", "False"),
        ("gzip-level", "9", s => s.Headers.GzipLevel, "9", "1"),
        ("gzip-min-length", "1000", s => s.Headers.GzipMinLength, "1000", "256"),
        ("gzip-types", "text/html application/*", s => string.Join('|', s.Headers.GzipTypes), "text/html|application/*", string.Join('|', HeaderSettings.DefaultGzipTypes)),
        ("server-tokens", "true", s => s.Headers.ServerTokens, "True", "False"),
        ("generate-request-id", "false", s => s.Headers.GenerateRequestId, "False", "True"),
        ("limit-req-status-code", "429", s => s.Headers.LimitReqStatusCode, "429", "503"),
        ("limit-conn-status-code", "429", s => s.Headers.LimitConnStatusCode, "429", "503"),
        ("block-cidrs", "192.168.1.7, 10.0.0.0/8", s => string.Join('|', s.Blocks.Cidrs), "192.168.1.7/32|10.0.0.0/8", ""),
        ("block-user-agents", "~*curl, BadBot/1.0 (compatible), ~^Mozilla.*Scanner$, ~^(?<agent>[a-z]+)/", s => string.Join('|', s.Blocks.UserAgents),
            "~*curl|BadBot/1.0 (compatible)|~^Mozilla.*Scanner$|~^(?<agent>[a-z]+)/", ""),
        ("block-referers", "~*spam[.]example, http://bad.example/", s => string.Join('|', s.Blocks.Referers), "~*spam[.]example|http://bad.example/", ""),
        ("server-name-hash-max-size", "4096", s => s.HashSizes.ServerNameHashMaxSize, "4096", "1024"),
        ("server-name-hash-bucket-size", "256", s => s.HashSizes.ServerNameHashBucketSize, "256", "0"),
        ("variables-hash-bucket-size", "512", s => s.HashSizes.VariablesHashBucketSize, "512", "256"),
        ("variables-hash-max-size", "4096", s => s.HashSizes.VariablesHashMaxSize, "4096", "2048"),
        ("bind-address", "10.0.0.1, ::1, 10.0.0.2", s => s.Listen.BindIpv4 is { } v4 ? $"{string.Join('|', v4)} / {string.Join('|', s.Listen.BindIpv6)}" : null, "10.0.0.1|10.0.0.2 / ::1", "(null)"),
        ("disable-ipv6", "true", s => s.Listen.DisableIpv6, "True", "False"),
    ];

    /// <summary>Values each key's grammar refuses: break-outs, out-of-range numbers, unknown words.</summary>
    private static readonly (string Key, string Value)[] Invalid =
    [
        ("worker-processes", "0"), ("worker-processes", "auto; load_module x"),
        ("max-worker-connections", "-1"), ("max-worker-connections", "many"),
        ("worker-shutdown-timeout", "240s; daemon on"),
        ("keep-alive", "75s"), ("keep-alive-requests", "0"),
        ("upstream-keepalive-connections", "-5"), ("upstream-keepalive-timeout", "1m"), ("upstream-keepalive-requests", "lots"),
        ("client-header-buffer-size", "1k;"), ("client-header-timeout", "0"), ("client-body-timeout", "1e3"),
        ("large-client-header-buffers", "4"), ("large-client-header-buffers", "4 8k 2"),
        ("log-format-upstream", "$remote_addr $evil"), ("log-format-upstream", "$remote_addr \\\" ; }"), ("log-format-upstream", "a\nb"),
        ("log-format-upstream", "cost $"), ("log-format-upstream", "${http_}"),
        ("log-format-escape-json", "yes"), ("log-format-escape-none", "no"),
        ("access-log-path", "relative/access.log"), ("access-log-path", "/var/log/../run/secrets/token"), ("access-log-path", "/tmp/x; ssl_engine y"),
        ("access-log-path", "/etc/nginx/nginx.conf"), ("error-log-path", "/var/run/secrets/kubernetes.io/serviceaccount/token"), ("access-log-path", "/var/log/"),
        ("access-log-params", "if=$loggable"), ("access-log-params", "buffer=16k buffer=32k"), ("access-log-params", "flush=soon"), ("access-log-params", " "),
        ("error-log-path", "syslog:server=1.2.3.4"), ("error-log-level", "verbose"),
        ("disable-access-log", "sure"),
        ("skip-access-log-urls", "/healthz, default"), ("skip-access-log-urls", "/a;b"), ("skip-access-log-urls", "~(unclosed"),
        ("use-forwarded-headers", "yes"), ("enable-real-ip", "on"), ("forwarded-for-header", "X Forwarded"), ("forwarded-for-header", "X-F;"),
        ("compute-full-forwarded-for", "2"), ("proxy-real-ip-cidr", "10.0.0.0/33"), ("use-proxy-protocol", "maybe"),
        ("use-gzip", "gzip"), ("gzip-level", "10"), ("gzip-min-length", "-1"), ("gzip-types", "text/html; application/json"), ("gzip-types", "$http_x"),
        ("server-tokens", "build"), ("generate-request-id", "yes"),
        ("limit-req-status-code", "200"), ("limit-conn-status-code", "600"),
        ("block-cidrs", "10.0.0.0/8, evil"), ("block-user-agents", "default"), ("block-user-agents", "curl\"; return 200; #"),
        ("block-user-agents", "~^curl$x"), ("block-referers", "{evil}"), ("block-referers", "~*spam\\.example"), ("block-referers", "~(?<=a+)b"), ("block-referers", "~(?<x>a)(?<y-x>b)"), ("block-referers", "~*a'b"),
        ("server-name-hash-max-size", "0"), ("server-name-hash-bucket-size", "64k"),
        ("variables-hash-bucket-size", "-1"), ("variables-hash-max-size", "1.5"),
        ("bind-address", "0.0.0.0:80"), ("bind-address", "fe80::1%eth0"), ("bind-address", "10"), ("bind-address", ""),
        ("disable-ipv6", "please"),
    ];

    private static IEnumerable<TestCaseData> ValidCases() => Valid.Select(c => new TestCaseData(c.Key, c.Value, c.Read, c.Expected).SetArgDisplayNames(c.Key, c.Value));

    private static IEnumerable<TestCaseData> DefaultCases() => Valid.DistinctBy(c => c.Key).Select(c => new TestCaseData(c.Key, c.Read, c.Default).SetArgDisplayNames(c.Key));

    private static IEnumerable<TestCaseData> InvalidCases() => Invalid.Select(c => new TestCaseData(c.Key, c.Value).SetArgDisplayNames(c.Key, c.Value));

    [TestCaseSource(nameof(ValidCases))]
    public void A_valid_value_is_taken(string key, string value, Func<HttpSettings, object?> read, string expected)
    {
        var problems = new List<Problem>();

        var settings = HttpSettings.From(new Dictionary<string, string> { [key] = value }, ConfigMap, problems);

        Assert.That(Text(read(settings)), Is.EqualTo(expected));
        Assert.That(problems, Is.Empty);
    }

    [TestCaseSource(nameof(DefaultCases))]
    public void Without_the_key_the_default_holds(string key, Func<HttpSettings, object?> read, string expected)
    {
        var problems = new List<Problem>();

        var settings = HttpSettings.From(new Dictionary<string, string> { ["some-other-key"] = "x" }, ConfigMap, problems);

        Assert.That(Text(read(settings)), Is.EqualTo(expected), key);
        Assert.That(problems, Is.Empty);
        Assert.That(HttpSettings.From(null, ConfigMap, problems), Is.EqualTo(HttpSettings.Default));
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void A_bad_value_keeps_the_default_and_is_one_warning_naming_the_key(string key, string value)
    {
        var problems = new List<Problem>();

        var settings = HttpSettings.From(new Dictionary<string, string> { [key] = value }, ConfigMap, problems);

        Assert.That(settings, Is.EqualTo(HttpSettings.Default));
        var problem = problems.Single();
        Assert.That(problem.Subject, Is.EqualTo(ObjectRef.ConfigMap(ConfigMap)));
        Assert.That(problem.Field, Is.EqualTo($"data[{key}]"));
        Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Warning));
        Assert.That(problem.Message, Does.Contain(key).And.Contain("the default is used"));
    }

    [Test]
    public void Every_http_key_has_valid_and_invalid_cases_and_is_in_the_registry()
    {
        var keys = HttpConfigMapKeys.All.Select(spec => spec.Key).ToList();

        Assert.That(Valid.Select(c => c.Key).Distinct(), Is.EquivalentTo(keys));
        Assert.That(Invalid.Select(c => c.Key).Distinct(), Is.EquivalentTo(keys));
        Assert.That(ConfigMapKeyRegistry.All.Select(spec => spec.Key), Is.SupersetOf(keys));
        Assert.That(ConfigMapKeyRegistry.All.Select(spec => spec.Key), Is.Unique);
    }

    [TestCase("$remote_addr $http_x_custom_header $sent_http_content_type $cookie_session $arg_page $upstream_http_x_cache", true)]
    [TestCase("${remote_addr}-${status}", true)]
    [TestCase("$remote_addr$status", true)]
    [TestCase("$remote_address", false)]
    [TestCase("$http_", false)]
    [TestCase("${remote_addr", false)]
    [TestCase("100$", false)]
    [TestCase("plain text without variables", true)]
    public void A_log_format_names_only_variables_nginx_knows(string format, bool accepted)
    {
        Assert.That(LogFormatGrammar.Accepts(format), Is.EqualTo(accepted));
    }

    private static string Text(object? value) => value switch
    {
        null => "(null)",
        ValueTuple<int, string> pair => $"({pair.Item1}, {pair.Item2})",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "(null)",
    };
}
