using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// One pod: a real HTTP/1.1 server (Kestrel) on one loopback address that answers every method and path with
/// an <see cref="EchoResponse"/>, like the ingress-controller-conformance echoserver. The body is sent with a
/// Content-Length, never chunked, because the conformance suite checks that header through the proxy.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _status = StatusCodes.Status200OK;

    private EchoBackend(WebApplication app, IPAddress address, int port, string service, string pod, string ns)
    {
        _app = app;
        Address = address;
        Port = port;
        Service = service;
        Pod = pod;
        Namespace = ns;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>Reported as <c>service</c>: the conformance echoserver's SERVICE_NAME.</summary>
    public string Service { get; }

    public string Pod { get; }

    public string Namespace { get; }

    /// <summary>The status every answer has (the echo body still comes with it); 200 unless a test makes the pod fail.</summary>
    public int Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    /// <summary>How many requests this pod has answered.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>
    /// Starts listening on <paramref name="address"/>; <paramref name="port"/> 0 lets the kernel pick a free port,
    /// which <see cref="Port"/> then reports. Throws <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static async Task<EchoBackend> StartAsync(IPAddress address, int port, string service, string pod, string ns = "default", EchoTransport? transport = null,
        CancellationToken cancellationToken = default)
    {
        // The empty builder has no configuration sources and no logging providers, which keeps start-up to milliseconds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = (transport ?? EchoTransport.Http1).Protocols;
                if (transport?.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        EchoBackend? backend = null;
        app.Run(context => backend!.AnswerAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        backend = new EchoBackend(app, address, new Uri(bound).Port, service, pod, ns);
        return backend;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var echo = new EchoResponse
        {
            Path = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            Host = request.Headers.Host.ToString(),
            Method = request.Method,
            Proto = request.Protocol,
            Headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal),
            Namespace = Namespace,
            Service = Service,
            Pod = Pod,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(echo, EchoResponse.Json);
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        // Idle keep-alive connections (nginx keeps some per upstream) close at once; a second is ample for the rest.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Stop gave up waiting for in-flight requests; disposing below closes them anyway.
        }
        await _app.DisposeAsync();
    }
}
