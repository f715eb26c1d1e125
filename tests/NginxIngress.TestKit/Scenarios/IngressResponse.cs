using System.Net;
using NginxIngress.TestKit.Backends;
using NUnit.Framework;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>What a client got back from nginx, after any redirects it followed.</summary>
public sealed record IngressResponse
{
    public required HttpStatusCode Status { get; init; }

    public required Version Version { get; init; }

    /// <summary>Response and content headers as they came off the wire, names case-insensitive, values joined.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The backend's report when a backend answered; null when nginx answered itself (404, 503...).</summary>
    public EchoResponse? Echo => EchoResponse.TryParse(Body);

    /// <summary>The certificate nginx presented, when the last request was HTTPS.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ServerCertificate { get; init; }

    /// <summary>The Location of every redirect that was followed to get here, in order.</summary>
    public required IReadOnlyList<string> Redirects { get; init; }

    public int StatusCode => (int)Status;

    /// <summary>The echo; fails the test when nginx answered by itself.</summary>
    public EchoResponse RequireEcho()
    {
        var echo = Echo;
        Assert.That(echo, Is.Not.Null, $"expected a backend to answer, but nginx answered itself: {Summary}");
        return echo!;
    }

    /// <summary>One line for failure messages.</summary>
    public string Summary =>
        $"{StatusCode} {(Echo is { } echo ? $"from {echo.Service}/{echo.Pod} path {echo.Path} host {echo.Host}" : "(not a backend)")}"
        + (Headers.TryGetValue("Location", out var location) ? $" Location: {location}" : "")
        + (Redirects.Count > 0 ? $" after redirects {string.Join(" -> ", Redirects)}" : "");
}
