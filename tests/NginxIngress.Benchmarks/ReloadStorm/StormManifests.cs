using System.Net;
using NginxIngress.Benchmarks.Synthetic;

namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>The objects the storm adds to the synthetic cluster: a slow Service, a fast one, and the Ingress each reload changes.</summary>
internal static class StormManifests
{
    public static string Service(string name, IPEndPoint endpoint) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: storm
        spec:
          ports:
          - name: http
            port: 80
            targetPort: {endpoint.Port}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {name}-1
          namespace: storm
          labels:
            kubernetes.io/service-name: {name}
        addressType: IPv4
        ports:
        - name: http
          port: {endpoint.Port}
        endpoints:
        - addresses: ["{endpoint.Address}"]
          conditions:
            ready: true

        """;

    public static string Ingress(string name, string host, string service) => BenchIngress.Yaml("storm", name, host, service);
}
