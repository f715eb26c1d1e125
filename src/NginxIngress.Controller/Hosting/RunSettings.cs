using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Kubernetes.Status;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Controller.Hosting;

/// <summary>Everything <c>nginx-ingress run</c> was told on its command line.</summary>
internal sealed record RunSettings
{
    /// <summary>Read objects from this folder instead of an API server; null means the API (<see cref="Kubeconfig"/> or in-cluster).</summary>
    public required string? ManifestsDirectory { get; init; }

    /// <summary>The kubeconfig file to reach the API with; null means KUBECONFIG, ~/.kube/config, or the in-cluster service account.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Watch only this namespace (cluster-scoped IngressClasses are still watched); null watches all.</summary>
    public string? WatchNamespace { get; init; }

    /// <summary>
    /// Secrets and ConfigMaps the flags name (<c>--configmap</c>, <c>--tcp-services-configmap</c>,
    /// <c>--udp-services-configmap</c>, <c>--default-ssl-certificate</c>, as namespace/name): a change to one re-renders
    /// though no Ingress names it.
    /// </summary>
    public IReadOnlyList<ObjectKey> AlwaysRelevant { get; init; } = [];

    /// <summary>Name of the Lease that elects the replica writing Ingress status (<c>--election-id</c>).</summary>
    public string ElectionId { get; init; } = "ingress-controller-leader";

    /// <summary>How long a leader's Lease lasts without renewal (<c>--election-ttl</c>).</summary>
    public TimeSpan ElectionTtl { get; init; } = LeaseElectionOptions.DefaultTtl;

    /// <summary>Which addresses to publish in Ingress status, and whether to (<c>--update-status</c> and friends).</summary>
    public IngressStatusOptions Status { get; init; } = IngressStatusOptions.Default;

    /// <summary>Paging, watch timeouts, stall detection and retry pacing of the API informers.</summary>
    public ResourceInformerOptions Informers { get; init; } = ResourceInformerOptions.Default;

    /// <summary>nginx's prefix: nginx.conf, its pid file and temp folders live here.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The nginx used for <c>nginx -t</c>, and in supervise mode the one started.</summary>
    public required string NginxBinary { get; init; }

    /// <summary>Whether this process starts nginx or signals the one of a sidecar container.</summary>
    public NginxMode NginxMode { get; init; } = NginxMode.Supervise;

    /// <summary>How long an apply waits for the sidecar's nginx to appear, and how often its pid file is read.</summary>
    public ExternalNginxOptions ExternalNginx { get; init; } = ExternalNginxOptions.Default;

    public required int HealthzPort { get; init; }

    public required ControllerOptions Controller { get; init; }

    public required NginxSettings Nginx { get; init; }

    /// <summary>How long one <c>nginx -t</c> may run before it is killed and the reconcile retried later.</summary>
    public TimeSpan ValidationTimeout { get; init; } = NginxBinaryValidator.DefaultTimeout;

    /// <summary>How many nginx worker generations a reload may leave alive, and how long it waits for old ones to drain.</summary>
    public ReloadGateOptions ReloadGate { get; init; } = ReloadGateOptions.Default;

    /// <summary>How long to wait for nginx to answer a new config's version after a reload before rolling back.</summary>
    public TimeSpan VerifyTimeout { get; init; } = NginxApplier.DefaultVerifyTimeout;
}
