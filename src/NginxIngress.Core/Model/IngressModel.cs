using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Tls;

namespace NginxIngress.Core.Model;

/// <summary>The routing the cluster asks for, independent of nginx. Equal models render equal configs.</summary>
public sealed record IngressModel
{
    public static readonly IngressModel Empty = new() { Servers = EquatableArray<ServerModel>.Empty, Backends = EquatableArray<BackendModel>.Empty };

    /// <summary>The catch-all server first, then the others ordered by hostname.</summary>
    public required EquatableArray<ServerModel> Servers { get; init; }

    /// <summary>Every Service port some location proxies to, ordered by namespace, name and port.</summary>
    public required EquatableArray<BackendModel> Backends { get; init; }

    /// <summary>The TCP services by port, then the UDP services by port (<c>--tcp-services-configmap</c>, <c>--udp-services-configmap</c>).</summary>
    public EquatableArray<StreamServiceModel> StreamServices { get; init; } = EquatableArray<StreamServiceModel>.Empty;

    /// <summary>The ConfigMap's proxy tuning: the http-level values every location starts from.</summary>
    public ProxyModel Proxy { get; init; } = ProxyModel.Default;

    /// <summary>The ConfigMap's http-, server- and location-snippet.</summary>
    public SnippetSettings Snippets { get; init; } = SnippetSettings.None;

    /// <summary>The http{}-level and process settings of the controller's ConfigMap (workers, logs, forwarding, gzip, blocks, listeners…).</summary>
    public HttpSettings Http { get; init; } = HttpSettings.Default;

    /// <summary>The HTTPS settings of the controller's ConfigMap.</summary>
    public TlsSettings Tls { get; init; } = TlsSettings.Default;

    /// <summary>The <c>--default-ssl-certificate</c> Secret's certificate; null means the generated fake certificate.</summary>
    public TlsCertificate? DefaultCertificate { get; init; }

    /// <summary>The Secret <see cref="DefaultCertificate"/> came from.</summary>
    public Snapshot.ObjectKey? DefaultCertificateSecret { get; init; }
}
