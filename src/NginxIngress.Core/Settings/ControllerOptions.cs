using System.Collections.Immutable;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The controller flags that change which objects are served and how. Names and defaults follow
/// ingress-nginx's flags of the same names.
/// </summary>
public sealed record ControllerOptions
{
    public static readonly ControllerOptions Default = new();

    /// <summary>ingress-nginx's <c>--healthz-port</c> default, which <c>run</c> shares.</summary>
    public const int DefaultHealthzPort = 10254;

    /// <summary><c>--ingress-class</c>: the value the legacy <c>kubernetes.io/ingress.class</c> annotation must have.</summary>
    public string IngressClass { get; init; } = "nginx";

    /// <summary><c>--controller-class</c>: the <c>spec.controller</c> of the IngressClasses this controller serves.</summary>
    public string ControllerClass { get; init; } = "k8s.io/ingress-nginx";

    /// <summary><c>--watch-ingress-without-class</c>: also serve Ingresses that name no class at all.</summary>
    public bool WatchIngressWithoutClass { get; init; }

    /// <summary><c>--ingress-class-by-name</c>: an IngressClass also counts when its name equals <see cref="IngressClass"/>.</summary>
    public bool IngressClassByName { get; init; }

    /// <summary><c>--annotations-prefix</c>.</summary>
    public string AnnotationsPrefix { get; init; } = "nginx.ingress.kubernetes.io";

    /// <summary><c>--configmap</c>: the ConfigMap whose keys tune nginx (today its HTTPS keys, <see cref="TlsSettings"/>).</summary>
    public Snapshot.ObjectKey? ConfigMap { get; init; }

    /// <summary><c>--tcp-services-configmap</c>: the ConfigMap whose entries (<c>"port": "ns/svc:port[:PROXY][:PROXY]"</c>) nginx serves as TCP proxies.</summary>
    public Snapshot.ObjectKey? TcpServicesConfigMap { get; init; }

    /// <summary><c>--udp-services-configmap</c>: as <see cref="TcpServicesConfigMap"/>, for UDP.</summary>
    public Snapshot.ObjectKey? UdpServicesConfigMap { get; init; }

    /// <summary>
    /// The ports the controller and its nginx listen on themselves, with what each is: a TCP or UDP service may not
    /// take one (ingress-nginx's reserved ports). The defaults are the flags' defaults; <see cref="ReservedPortsOf"/>
    /// gives them for other flag values.
    /// </summary>
    public ImmutableSortedDictionary<int, string> ReservedPorts { get; init; } = ReservedPortsOf(80, 443, 10246, DefaultHealthzPort);

    /// <summary>The <see cref="ReservedPorts"/> of a controller with these ports; null leaves a port out.</summary>
    public static ImmutableSortedDictionary<int, string> ReservedPortsOf(int? http, int? https, int? status, int? healthz)
    {
        var ports = ImmutableSortedDictionary.CreateBuilder<int, string>();
        // Later entries do not replace earlier ones: two flags set to one port is the user's own clash, named once.
        foreach (var (port, use) in new[] { (http, "the HTTP port (--http-port)"), (https, "the HTTPS port (--https-port)"),
            (status, "nginx's status port (--status-port)"), (healthz, "the health check port (--healthz-port)") })
        {
            if (port is { } value)
            {
                ports.TryAdd(value, $"{use}, which the controller uses itself");
            }
        }
        return ports.ToImmutable();
    }

    /// <summary><c>--default-ssl-certificate</c>: the Secret served for unknown names, clients without SNI and hosts without a usable certificate.</summary>
    public Snapshot.ObjectKey? DefaultSslCertificate { get; init; }
}
