using k8s.Models;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>The resources the controller reads or writes; anything else answers 404 like an API server without that group.</summary>
internal static class ApiResourceCatalog
{
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        ApiResource.For<V1Ingress>(namespaced: true, hasStatus: true),
        ApiResource.For<V1IngressClass>(namespaced: false),
        ApiResource.For<V1Service>(namespaced: true, hasStatus: true),
        ApiResource.For<V1Secret>(namespaced: true),
        ApiResource.For<V1ConfigMap>(namespaced: true),
        ApiResource.For<V1EndpointSlice>(namespaced: true),
        // The controller's own pods and their nodes, for the node-address fallback of Ingress status. Both have a
        // status subresource in the real server (the kubelet writes it), so a client's spec write keeps the status.
        ApiResource.For<V1Pod>(namespaced: true, hasStatus: true),
        ApiResource.For<V1Node>(namespaced: false, hasStatus: true),
        ApiResource.For<V1Lease>(namespaced: true),
        ApiResource.For<Eventsv1Event>(namespaced: true),
        ApiResource.For<Corev1Event>(namespaced: true),
    ];

    public static ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public static ApiResource? Find(Type clrType) => All.FirstOrDefault(r => r.ClrType == clrType);

    public static ApiResource? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
}
