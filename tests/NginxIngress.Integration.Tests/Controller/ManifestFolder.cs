using System.Net;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>A temporary manifest folder with one Ingress per file, as a user's GitOps checkout would be.</summary>
internal sealed class ManifestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nginx-ingress-manifests-").FullName;

    /// <summary>Writes a Service named <paramref name="service"/> on port 80 and an EndpointSlice pointing at <paramref name="endpoint"/>.</summary>
    public void WriteService(string service, IPEndPoint endpoint) => Write($"{service}-service.yaml", $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {service}
        spec:
          ports:
          - name: http
            port: 80
            targetPort: 8080
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {service}-1
          labels:
            kubernetes.io/service-name: {service}
        addressType: IPv4
        ports:
        - name: http
          port: {endpoint.Port}
        endpoints:
        - addresses: ["{endpoint.Address}"]
          conditions:
            ready: true
        """);

    /// <summary>Writes an Ingress of class nginx (legacy annotation) routing <paramref name="host"/><paramref name="path"/> to the Service.</summary>
    public void WriteIngress(string name, string host, string path, string service, string pathType = "Prefix", string extraAnnotations = "") =>
        Write($"{name}-ingress.yaml", $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
          annotations:
            kubernetes.io/ingress.class: nginx
        {extraAnnotations}
        spec:
          rules:
          - host: {host}
            http:
              paths:
              - path: "{path}"
                pathType: {pathType}
                backend:
                  service:
                    name: {service}
                    port:
                      number: 80
        """);

    public void Write(string fileName, string text) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
