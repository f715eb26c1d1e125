namespace NginxIngress.Core.Settings;

/// <summary>
/// The controller flags that change which objects are served and how. Names and defaults follow
/// ingress-nginx's flags of the same names.
/// </summary>
public sealed record ControllerOptions
{
    public static readonly ControllerOptions Default = new();

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

    /// <summary><c>--default-ssl-certificate</c>: the Secret served for unknown names, clients without SNI and hosts without a usable certificate.</summary>
    public Snapshot.ObjectKey? DefaultSslCertificate { get; init; }
}
