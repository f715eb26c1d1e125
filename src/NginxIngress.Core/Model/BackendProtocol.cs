namespace NginxIngress.Core.Model;

/// <summary>
/// How nginx talks to a location's backend (<c>backend-protocol</c>). ingress-nginx's AUTO_HTTP and FCGI are not
/// supported: the annotation's grammar refuses them.
/// </summary>
public enum BackendProtocol
{
    /// <summary><c>proxy_pass http://</c>: plain HTTP/1.1.</summary>
    Http,

    /// <summary><c>proxy_pass https://</c>: HTTP/1.1 over TLS.</summary>
    Https,

    /// <summary><c>grpc_pass grpc://</c>: HTTP/2 in clear text (h2c).</summary>
    Grpc,

    /// <summary><c>grpc_pass grpcs://</c>: HTTP/2 over TLS.</summary>
    Grpcs,
}
