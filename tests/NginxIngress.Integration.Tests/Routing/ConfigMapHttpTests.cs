using NginxIngress.Integration.Tests.Tls;
using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// The http{}-level ConfigMap keys as a client and a backend see them through real nginx: compression, the Server
/// header, request IDs, forwarded headers and the real client address, blocks, and the access log.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ConfigMapHttpTests
{
    private static readonly Dictionary<string, string> Gzip = new() { ["Accept-Encoding"] = "gzip" };

    [Test]
    public async Task Use_gzip_compresses_a_response_for_a_client_that_accepts_gzip()
    {
        await using var cluster = await StartAsync([("use-gzip", "true"), ("gzip-min-length", "20")]);
        await using var plain = await StartAsync([]);

        var compressed = await cluster.Client.SendAsync("GET", "web.example", "/", headers: Gzip);
        var uncompressed = await plain.Client.SendAsync("GET", "web.example", "/", headers: Gzip);

        Assert.That(compressed.Headers.GetValueOrDefault("Content-Encoding"), Is.EqualTo("gzip"), compressed.Summary);
        Assert.That(uncompressed.Headers.GetValueOrDefault("Content-Encoding"), Is.Null, "use-gzip is off by default: " + uncompressed.Summary);
    }

    [Test]
    public async Task Server_tokens_true_names_nginxs_version_in_the_Server_header_and_the_default_does_not()
    {
        await using var tokens = await StartAsync([("server-tokens", "true")]);
        await using var plain = await StartAsync([]);

        var withVersion = await tokens.GetAsync("web.example", "/");
        var withoutVersion = await plain.GetAsync("web.example", "/");

        Assert.That(withVersion.Headers["Server"], Does.Match(@"^nginx/\d+\.\d+"));
        Assert.That(withoutVersion.Headers["Server"], Is.EqualTo("nginx"));
    }

    [Test]
    public async Task Without_use_forwarded_headers_the_backend_sees_what_nginx_saw_not_what_the_client_claimed()
    {
        await using var cluster = await StartAsync([]);

        var echo = (await cluster.Client.SendAsync("GET", "web.example", "/", headers: Claims)).RequireEcho();

        Assert.That(echo.Header("X-Forwarded-For"), Does.StartWith("127."));
        Assert.That(echo.Header("X-Forwarded-Proto"), Is.EqualTo("http"));
        Assert.That(echo.Header("X-Forwarded-Port"), Is.EqualTo(cluster.Nginx.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(echo.Header("X-Forwarded-Host"), Is.EqualTo("web.example"));
        Assert.That(echo.Header("X-Original-Forwarded-For"), Is.EqualTo("203.0.113.9"), "the claim is kept, under another name");
    }

    [Test]
    public async Task With_use_forwarded_headers_the_backend_sees_the_load_balancers_headers()
    {
        await using var cluster = await StartAsync([("use-forwarded-headers", "true")]);

        var echo = (await cluster.Client.SendAsync("GET", "web.example", "/", headers: Claims)).RequireEcho();

        Assert.That(echo.Header("X-Forwarded-For"), Is.EqualTo("203.0.113.9"));
        Assert.That(echo.Header("X-Real-IP"), Is.EqualTo("203.0.113.9"));
        Assert.That(echo.Header("X-Forwarded-Proto"), Is.EqualTo("https"));
        Assert.That(echo.Header("X-Forwarded-Port"), Is.EqualTo("443"));
        Assert.That(echo.Header("X-Forwarded-Host"), Is.EqualTo("public.example"));
    }

    [Test]
    public async Task Compute_full_forwarded_for_appends_the_peer_to_the_incoming_list()
    {
        await using var cluster = await StartAsync([("use-forwarded-headers", "true"), ("compute-full-forwarded-for", "true")]);

        var echo = (await cluster.Client.SendAsync("GET", "web.example", "/", headers: Claims)).RequireEcho();

        Assert.That(echo.Header("X-Forwarded-For"), Does.Match(@"^203\.0\.113\.9, 127\.\d+\.\d+\.\d+$"));
    }

    [Test]
    public async Task Enable_real_ip_logs_the_address_of_forwarded_for_header_in_the_configured_log_format()
    {
        await using var cluster = await StartAsync([
            ("enable-real-ip", "true"), ("forwarded-for-header", "X-Client-IP"),
            ("log-format-upstream", "custom $remote_addr $request_uri $status ${namespace}/$ingress_name"),
        ]);

        (await cluster.Client.SendAsync("GET", "web.example", "/real-ip-marker", headers: new Dictionary<string, string> { ["X-Client-IP"] = "198.51.100.4" })).RequireEcho();

        var log = (await AccessLog.ReadWhenItHoldsAsync(cluster, "/real-ip-marker")).Split('\n');
        Assert.That(log, Does.Contain("custom 198.51.100.4 /real-ip-marker 200 default/web"));
    }

    [Test]
    public async Task Skip_access_log_urls_keeps_those_requests_out_of_the_access_log()
    {
        await using var cluster = await StartAsync([("skip-access-log-urls", "/healthz, ~^/metrics")]);

        (await cluster.GetAsync("web.example", "/healthz")).RequireEcho();
        (await cluster.GetAsync("web.example", "/metrics/x")).RequireEcho();
        (await cluster.GetAsync("web.example", "/logged-marker")).RequireEcho();

        var log = await AccessLog.ReadWhenItHoldsAsync(cluster, "/logged-marker");
        Assert.That(log, Does.Contain("/logged-marker"));
        Assert.That(log, Does.Not.Contain("/healthz").And.Not.Contain("/metrics"));
    }

    [Test]
    public async Task Block_user_agents_answers_403_to_a_matching_client_only()
    {
        await using var cluster = await StartAsync([("block-user-agents", "~*evilbot, Scanner/2.0")]);

        var blocked = await cluster.Client.SendAsync("GET", "web.example", "/", headers: new Dictionary<string, string> { ["User-Agent"] = "EvilBot/1.0" });
        var served = await cluster.GetAsync("web.example", "/");

        Assert.That(blocked.StatusCode, Is.EqualTo(403), blocked.Summary);
        Assert.That(served.StatusCode, Is.EqualTo(200), served.Summary);
    }

    [Test]
    public async Task Block_cidrs_answers_403_even_where_an_allowlist_would_admit_the_client()
    {
        var yaml = TlsYaml.ConfigMap(("block-cidrs", "127.0.0.0/8")) + Service("web")
            + Ingress("web", "web.example", [("/", "Prefix", "web")])
            + Ingress("admin", "admin.example", [("/", "Prefix", "web")], Annotations(("allowlist-source-range", "127.0.0.0/8")));
        await using var cluster = LoopbackCluster.Create(options: TlsCluster.WithConfigMap);
        cluster.Apply(yaml);
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        Assert.That((await cluster.GetAsync("web.example", "/")).StatusCode, Is.EqualTo(403));
        Assert.That((await cluster.GetAsync("admin.example", "/")).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Generate_request_id_false_sends_no_X_Request_ID_unless_the_client_did()
    {
        await using var generating = await StartAsync([]);
        await using var passing = await StartAsync([("generate-request-id", "false")]);

        var generated = (await generating.GetAsync("web.example", "/")).RequireEcho();
        var none = (await passing.GetAsync("web.example", "/")).RequireEcho();
        var passed = (await passing.Client.SendAsync("GET", "web.example", "/", headers: new Dictionary<string, string> { ["X-Request-ID"] = "abc123" })).RequireEcho();

        Assert.That(generated.Header("X-Request-ID"), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(none.Header("X-Request-ID"), Is.Null);
        Assert.That(passed.Header("X-Request-ID"), Is.EqualTo("abc123"));
    }

    [Test]
    public async Task Keep_alive_requests_closes_a_client_connection_after_that_many_requests()
    {
        await using var cluster = await StartAsync([("keep-alive-requests", "2")]);

        var first = await cluster.GetAsync("web.example", "/");
        var second = await cluster.GetAsync("web.example", "/");

        Assert.That(first.Headers.GetValueOrDefault("Connection"), Is.Not.EqualTo("close"), first.Summary);
        Assert.That(second.Headers.GetValueOrDefault("Connection"), Is.EqualTo("close"), second.Summary);
    }

    /// <summary>What a client (or a load balancer in front) claims about the original request.</summary>
    private static readonly Dictionary<string, string> Claims = new()
    {
        ["X-Forwarded-For"] = "203.0.113.9",
        ["X-Forwarded-Proto"] = "https",
        ["X-Forwarded-Port"] = "443",
        ["X-Forwarded-Host"] = "public.example",
    };

    /// <summary>One Ingress for web.example on one pod, under a ConfigMap with these keys.</summary>
    private static async Task<LoopbackCluster> StartAsync((string Key, string Value)[] keys)
    {
        var cluster = LoopbackCluster.Create(options: TlsCluster.WithConfigMap);
        try
        {
            cluster.Apply(TlsYaml.ConfigMap(keys) + Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")]));
            await cluster.StartPodsAsync("web", replicas: 1);
            await cluster.ReconcileAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
