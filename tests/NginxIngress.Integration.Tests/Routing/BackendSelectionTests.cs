using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;
using NginxIngress.TestKit.Scenarios;
using NginxIngress.TestKit.Tls;
using NUnit.Framework;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// backend-protocol, service-upstream, load-balance, upstream-hash-by, default-backend and custom-http-errors through
/// real nginx, to real loopback backends (TLS and HTTP/2 ones for the protocols).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class BackendSelectionTests
{
    [Test]
    public async Task Backend_protocol_HTTPS_reaches_a_TLS_backend()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("secure") + Ingress("secure", "secure.example", [("/", "Prefix", "secure")], Annotations(("backend-protocol", "HTTPS"))));
        await cluster.StartPodsAsync("secure", replicas: 1, transport: new EchoTransport(HttpProtocols.Http1, BackendCertificate()));
        await cluster.ReconcileAsync();

        var echo = (await cluster.GetAsync("secure.example", "/orders")).RequireEcho();

        Assert.That((echo.Service, echo.Path), Is.EqualTo(("secure", "/orders")), "a plain-HTTP proxy_pass to a TLS port would get no echo");
    }

    [TestCase("GRPC", false)]
    [TestCase("GRPCS", true)]
    public async Task Backend_protocol_GRPC_passes_HTTP2_requests_with_the_forwarded_headers(string protocol, bool tls)
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("greeter") + Ingress("greeter", "grpc.example", [("/", "Prefix", "greeter")], Annotations(("backend-protocol", protocol))));
        await cluster.StartPodsAsync("greeter", replicas: 1, transport: new EchoTransport(HttpProtocols.Http2, tls ? BackendCertificate() : null));
        await cluster.ReconcileAsync();

        var (status, body) = await GrpcStylePostAsync(cluster.Nginx, "grpc.example", "/helloworld.Greeter/SayHello");
        var echo = EchoResponse.TryParse(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(echo, Is.Not.Null, body);
        Assert.That((echo!.Proto, echo.Method, echo.Path), Is.EqualTo(("HTTP/2", "POST", "/helloworld.Greeter/SayHello")));
        Assert.That(echo.Header("Content-Type"), Is.EqualTo("application/grpc"));
        Assert.That(echo.Header("X-Forwarded-Proto"), Is.EqualTo("https"), "grpc_set_header sends the forwarded headers");
        Assert.That(echo.Header("X-Request-ID"), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task Service_upstream_proxies_to_the_ClusterIP_instead_of_the_endpoints()
    {
        await using var cluster = LoopbackCluster.Create();
        var pods = await cluster.StartPodsAsync("web", replicas: 1);
        // The Service's "virtual IP": a listener of its own, on the Service port, which no EndpointSlice lists.
        var clusterIp = LoopbackAddresses.Next();
        await using var virtualIp = await EchoBackend.StartAsync(clusterIp, pods.Port, "web", "cluster-ip");
        cluster.Apply(Service("web", port: pods.Port).Replace("spec:\n", $"spec:\n  clusterIP: {clusterIp}\n", StringComparison.Ordinal)
            + Ingress("web", "web.example", [("/", "Prefix", "web")], Annotations(("service-upstream", "true"))).Replace("number: 80", $"number: {pods.Port}", StringComparison.Ordinal));
        await cluster.ReconcileAsync();

        var echo = (await cluster.GetAsync("web.example", "/")).RequireEcho();

        Assert.That(echo.Pod, Is.EqualTo("cluster-ip"));
        Assert.That(pods.Pods[0].RequestCount, Is.Zero);
    }

    [Test]
    public async Task Upstream_hash_by_sends_one_key_to_one_pod_every_time()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")], Annotations(("upstream-hash-by", "$http_x_user"))));
        await cluster.StartPodsAsync("web", replicas: 3);
        await cluster.ReconcileAsync();

        foreach (var user in new[] { "alice", "bob", "carol", "dave" })
        {
            var pods = new HashSet<string>();
            for (var i = 0; i < 6; i++)
            {
                var response = await cluster.Client.SendAsync("GET", "web.example", "/", headers: new Dictionary<string, string> { ["X-User"] = user });
                pods.Add(response.RequireEcho().Pod);
            }
            Assert.That(pods, Has.Count.EqualTo(1), $"{user}'s requests went to {string.Join(", ", pods)}; round-robin would have used all three");
        }
    }

    [Test]
    public async Task Load_balance_ewma_is_least_conn_and_serves_every_pod()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")], Annotations(("load-balance", "ewma"))));
        var pods = await cluster.StartPodsAsync("web", replicas: 2);
        var result = await cluster.ReconcileAsync();

        for (var i = 0; i < 6; i++)
        {
            (await cluster.GetAsync("web.example", "/")).RequireEcho();
        }

        Assert.That(result.Rendered.Text, Does.Contain("least_conn;"));
        Assert.That(pods.Pods.Select(pod => pod.RequestCount), Has.All.GreaterThan(0), "idle pods tie on connections, and least_conn then rotates");
    }

    [Test]
    public async Task Default_backend_serves_a_Service_without_ready_endpoints_with_X_Code_503()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("empty") + Service("errors")
            + Ingress("shop", "shop.example", [("/", "Prefix", "empty")], Annotations(("default-backend", "errors"))));
        await cluster.StartPodsAsync("errors", replicas: 1);
        await cluster.ReconcileAsync();

        var echo = (await cluster.GetAsync("shop.example", "/cart")).RequireEcho();

        Assert.That((echo.Service, echo.Path), Is.EqualTo(("errors", "/cart")));
        Assert.That((echo.Header("X-Code"), echo.Header("X-Service-Name"), echo.Header("X-Ingress-Name")), Is.EqualTo(("503", "empty", "shop")),
            "as in ingress-nginx, the default backend is told it stands in for a Service without endpoints");
        Assert.That(echo.Header("X-Forwarded-Host"), Is.EqualTo("shop.example"), "the inherited headers are still sent");
    }

    [Test]
    public async Task Custom_http_errors_send_the_code_to_the_default_backend_with_the_X_Code_headers()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Service("errors")
            + Ingress("shop", "shop.example", [("/", "Prefix", "web")], Annotations(("custom-http-errors", "503,404"), ("default-backend", "errors"))));
        var web = await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.StartPodsAsync("errors", replicas: 1);
        await cluster.ReconcileAsync();
        web.Pods[0].Status = 503;

        var response = await cluster.Client.SendAsync("GET", "shop.example", "/cart?id=7", headers: new Dictionary<string, string> { ["Accept"] = "text/html" });
        var echo = response.RequireEcho();

        Assert.That(echo.Service, Is.EqualTo("errors"));
        Assert.That(echo.Path, Is.EqualTo("/?id=7"), "ingress-nginx's rewrite (.*) / sends the error request as /, and nginx keeps the query");
        Assert.That(echo.Header("X-Code"), Is.EqualTo("503"));
        Assert.That(echo.Header("X-Format"), Is.EqualTo("text/html"));
        Assert.That(echo.Header("X-Original-URI"), Is.EqualTo("/cart?id=7"));
        Assert.That(echo.Header("X-Namespace"), Is.EqualTo("default"));
        Assert.That(echo.Header("X-Ingress-Name"), Is.EqualTo("shop"));
        Assert.That(echo.Header("X-Service-Name"), Is.EqualTo("web"));
        Assert.That(echo.Header("X-Service-Port"), Is.EqualTo("80"));
        Assert.That(echo.Header("X-Request-ID"), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task Custom_http_errors_without_a_default_backend_answer_nginxs_own_page_and_leave_other_codes_alone()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Ingress("shop", "shop.example", [("/", "Prefix", "web")], Annotations(("custom-http-errors", "503"))));
        var web = await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.ReconcileAsync();

        web.Pods[0].Status = 503;
        var intercepted = await cluster.GetAsync("shop.example", "/");
        web.Pods[0].Status = 500;
        var passed = await cluster.GetAsync("shop.example", "/");

        Assert.That(intercepted.StatusCode, Is.EqualTo(503));
        Assert.That(intercepted.Echo, Is.Null, "the backend's body is replaced");
        Assert.That(intercepted.Body, Does.Contain("503 Service Temporarily Unavailable"));
        Assert.That((passed.StatusCode, passed.Echo?.Service), Is.EqualTo((500, "web")), "a code not listed passes through untouched");
    }

    [Test]
    public async Task An_upstream_hash_by_variable_nginx_does_not_know_excludes_only_its_Ingress()
    {
        await using var cluster = LoopbackCluster.Create();
        cluster.Apply(Service("web") + Service("api")
            + Ingress("web", "web.example", [("/", "Prefix", "web")])
            + Ingress("api", "api.example", [("/", "Prefix", "api")], Annotations(("upstream-hash-by", "$no_such_variable"))));
        await cluster.StartPodsAsync("web", replicas: 1);
        await cluster.StartPodsAsync("api", replicas: 1);
        var snapshot = cluster.Snapshot();
        var scratch = Directory.CreateTempSubdirectory("nginx-ingress-hash-").FullName;
        var nginx = new NginxBinaryValidator("nginx", scratch);

        // nginx names no line for an unknown variable, so the validator finds the culprit by bisecting.
        var result = await new IsolatingValidator(nginx).ValidateAsync(
            leftOut => ConfigPipeline.Run(snapshot, cluster.Options, cluster.Nginx.Settings, leftOut), new HashSet<ObjectKey>(), null, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid), result.Message);
        Assert.That(result.Rejected.Keys, Is.EqualTo(new[] { new ObjectKey("default", "api") }));
        Assert.That(result.Rejected.Values.Single(), Does.Contain("unknown \"no_such_variable\" variable"));
        await cluster.Nginx.ApplyAsync(result.Servable!.Rendered);
        ResponseAssert.ServedBy(await cluster.GetAsync("web.example", "/"), "web");
        Directory.Delete(scratch, recursive: true);
    }

    private static X509Certificate2 BackendCertificate()
    {
        var certificate = TestCertificates.SelfSigned("backend.local", ["backend.local"]);
        return X509Certificate2.CreateFromPem(certificate.CertificatePem, certificate.PrivateKeyPem);
    }

    /// <summary>
    /// A POST as a gRPC client sends it: HTTP/2 over TLS (ALPN h2) to nginx's HTTPS port, content-type application/grpc.
    /// The echo backend answers with JSON rather than gRPC frames; grpc_pass relays that all the same.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body)> GrpcStylePostAsync(NginxFixture nginx, string host, string path)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(nginx.Address, nginx.HttpsPort, cancellationToken);
                    var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = host,
                        ApplicationProtocols = [SslApplicationProtocol.Http2],
                        RemoteCertificateValidationCallback = (_, _, _, _) => true,
                    }, cancellationToken);
                    return tls;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        // The connect callback returns a TLS stream already, so the URI is http and HTTP/2 starts with prior knowledge.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{host}:{nginx.HttpsPort}{path}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
