using k8s;
using k8s.Models;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Origins of objects read from the API: the resourceVersion the controller last saw, which is what
/// <c>kubectl get -o yaml</c> shows, so a problem in the log can be matched to the object's revision.
/// </summary>
public sealed class ResourceVersionOrigins(ObjectStore store) : IObjectOrigins
{
    public string? Of(ObjectRef reference)
    {
        var snapshot = store.Capture();
        IMetadata<V1ObjectMeta>? item = reference.Kind switch
        {
            "Ingress" => snapshot.Ingresses.GetValueOrDefault(reference.Key),
            "IngressClass" => snapshot.IngressClasses.GetValueOrDefault(reference.Name),
            "Service" => snapshot.Services.GetValueOrDefault(reference.Key),
            "EndpointSlice" => snapshot.EndpointSlices.GetValueOrDefault(reference.Key),
            "Secret" => snapshot.Secrets.GetValueOrDefault(reference.Key),
            "ConfigMap" => snapshot.ConfigMaps.GetValueOrDefault(reference.Key),
            _ => null,
        };
        return item?.Metadata?.ResourceVersion is { Length: > 0 } version ? $"resourceVersion {version}" : null;
    }
}
