using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Scenarios;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>Starts a <see cref="LoopbackCluster"/> for a TLS test, and sends its requests over HTTPS.</summary>
internal static class TlsCluster
{
    /// <summary>The controller options of the ConfigMap tests: <c>--configmap=ingress-nginx/ingress-nginx-controller</c>.</summary>
    public static readonly ControllerOptions WithConfigMap =
        ControllerOptions.Default with { ConfigMap = new ObjectKey(TlsYaml.ConfigMapNamespace, TlsYaml.ConfigMapName) };

    /// <summary>
    /// Applies <paramref name="yaml"/> and a Service for each of <paramref name="services"/>, starts one pod for each and
    /// reconciles; undone again if a step fails.
    /// </summary>
    public static async Task<LoopbackCluster> StartAsync(string yaml, IReadOnlyList<string> services, ControllerOptions? options = null)
    {
        var cluster = LoopbackCluster.Create(options: options);
        try
        {
            cluster.Apply(string.Concat(services.Select(service => RoutingYaml.Service(service))) + yaml);
            foreach (var service in services)
            {
                await cluster.StartPodsAsync(service, 1);
            }
            var renderedFor = cluster.Nginx.HttpsPort;
            await cluster.ReconcileAsync();
            if (cluster.Nginx.HttpsPort != renderedFor)
            {
                // The fixture found a port taken and moved nginx; its listens follow, but a redirect's Location
                // names the HTTPS port too, so render again for the ports nginx really has.
                await cluster.ReconcileAsync();
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>GET over HTTPS with the host as SNI (or <paramref name="sni"/>); the response carries the certificate nginx presented.</summary>
    public static Task<IngressResponse> HttpsAsync(this LoopbackCluster cluster, string host, string path = "/", string? sni = null) =>
        cluster.Client.SendAsync("GET", host, path, tls: true, sni: sni);

    /// <summary>GET over plain HTTP, not following redirects.</summary>
    public static Task<IngressResponse> HttpAsync(this LoopbackCluster cluster, string host, string path = "/") =>
        cluster.Client.SendAsync("GET", host, path);
}
