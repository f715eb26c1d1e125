using System.Globalization;
using System.Net;
using k8s.Models;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>
/// The three nginx configs of the data plane bench: the backend, ours for one route (rendered by the controller's
/// own pipeline), and a hand-written minimal config for the same route: same listen, same upstream with keepalive,
/// HTTP/1.1 to the backend, and the same access log (format, destination and parameters) when logging is on.
/// </summary>
public static class BenchConfigs
{
    public const string Host = "bench.example.com";

    private static readonly ObjectKey ConfigMapKey = new("ingress-nginx", "ingress-nginx-controller");

    /// <summary>A backend that costs next to nothing per request, so the proxy in front is what is measured.</summary>
    public static string Backend(IPEndPoint listen) => $$"""
        worker_processes 1;
        pid nginx.pid;
        error_log stderr notice;
        events { worker_connections 4096; }
        http {
            access_log off;
            keepalive_requests 1000000;
            client_body_temp_path client-body-temp;
            proxy_temp_path proxy-temp;
            fastcgi_temp_path fastcgi-temp;
            uwsgi_temp_path uwsgi-temp;
            scgi_temp_path scgi-temp;
            server {
                listen {{listen}};
                location / { return 200 "ok\n"; }
            }
        }
        """;

    /// <summary>Our nginx.conf and the files it names, for one Ingress to a Service whose one endpoint is <paramref name="backend"/>.</summary>
    public static (string Text, IReadOnlyDictionary<string, string> Files) Ours(IPEndPoint listen, int httpsPort, int statusPort, IPEndPoint backend, LoggingVariant logging)
    {
        var port = backend.Port.ToString(CultureInfo.InvariantCulture);
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = ConfigMapKey.Name, NamespaceProperty = ConfigMapKey.Namespace },
            Data = logging.Logs ? new Dictionary<string, string> { ["access-log-params"] = logging.Parameters! } : new Dictionary<string, string>(),
        };
        var snapshot = SnapshotBuilder.WithNginxClass(
            configMap,
            new ServiceBuilder("bench").Port(80, targetPort: port).Build(),
            new EndpointSliceBuilder("bench-1", "bench").Port(null, backend.Port).Endpoint(backend.Address.ToString()).Build(),
            new IngressBuilder("bench").Class("nginx").Path(Host, "/", service: "bench").Build());
        var settings = NginxSettings.Default with
        {
            HttpPort = listen.Port,
            HttpsPort = httpsPort,
            BindAddress = listen.Address,
            Ipv6 = false,
            StatusPort = statusPort,
            // One worker in both configs: the machine's other core runs wrk and the backend.
            WorkerProcesses = "1",
            AccessLog = logging.Logs ? "/dev/stdout" : "off",
        };
        var result = ConfigPipeline.Run(snapshot, ControllerOptions.Default with { ConfigMap = ConfigMapKey }, settings);
        if (!result.Problems.IsEmpty)
        {
            throw new InvalidOperationException($"the bench's one Ingress renders with problems: {string.Join("; ", result.Problems)}");
        }
        return (result.Rendered.Text, result.Rendered.Files.ToDictionary(file => file.RelativePath, file => file.Content));
    }

    /// <summary>What someone would write by hand for this one route.</summary>
    public static string HandWritten(IPEndPoint listen, IPEndPoint backend, LoggingVariant logging)
    {
        // Our log line, with the variables only our config defines replaced by what they hold for this route.
        var format = LogFormatGrammar.Default
            .Replace("$proxy_upstream_name", "default.bench.80", StringComparison.Ordinal)
            .Replace("$proxy_alternative_upstream_name", "", StringComparison.Ordinal)
            .Replace("$req_id", "$request_id", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal);
        var accessLog = logging.Logs
            ? $"log_format main \"{format}\";\n    access_log /dev/stdout main{(logging.Parameters!.Length > 0 ? " " + logging.Parameters : "")};"
            : "access_log off;";
        return $$"""
            worker_processes 1;
            pid nginx.pid;
            error_log stderr notice;
            events { worker_connections 16384; }
            http {
                client_body_temp_path client-body-temp;
                proxy_temp_path proxy-temp;
                fastcgi_temp_path fastcgi-temp;
                uwsgi_temp_path uwsgi-temp;
                scgi_temp_path scgi-temp;
                {{accessLog}}
                upstream backend {
                    server {{backend}};
                    keepalive 32;
                }
                server {
                    listen {{listen}};
                    server_name {{Host}};
                    location / {
                        proxy_pass http://backend;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                    }
                }
            }
            """;
    }
}
