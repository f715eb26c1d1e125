using k8s.Models;

namespace NginxIngress.Kubernetes.Informers;

/// <summary>Where each of the six watched kinds goes; normally six views of one store.</summary>
public sealed record ClusterInformerSinks
{
    public required IInformerSink<V1Ingress> Ingresses { get; init; }

    public required IInformerSink<V1IngressClass> IngressClasses { get; init; }

    public required IInformerSink<V1Service> Services { get; init; }

    public required IInformerSink<V1EndpointSlice> EndpointSlices { get; init; }

    public required IInformerSink<V1Secret> Secrets { get; init; }

    public required IInformerSink<V1ConfigMap> ConfigMaps { get; init; }
}
