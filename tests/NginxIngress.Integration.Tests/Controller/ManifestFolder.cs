using System.Net;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>A temporary manifest folder with one Ingress per file, as a user's GitOps checkout would be.</summary>
internal sealed class ManifestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nginx-ingress-manifests-").FullName;

    public ManifestFolder() => Write("ingressclass.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
        """);

    /// <summary>Writes a Service named <paramref name="service"/> on port 80 and an EndpointSlice pointing at <paramref name="endpoint"/>.</summary>
    public void WriteService(string service, IPEndPoint endpoint) => Write($"{service}-service.yaml", RoutingYaml.Service(service) + EndpointSlice(service, endpoint));

    /// <summary>One ready endpoint for <paramref name="service"/>: the EndpointSlice that <see cref="WriteService"/> writes.</summary>
    public static string EndpointSlice(string service, IPEndPoint endpoint) => $"""
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

        """;

    /// <summary>Writes an Ingress of class nginx routing <paramref name="host"/><paramref name="path"/> to the Service.</summary>
    public void WriteIngress(string name, string host, string path, string service, string pathType = "Prefix", IReadOnlyDictionary<string, string>? annotations = null) =>
        Write($"{name}-ingress.yaml", RoutingYaml.Ingress(name, host, [(path, pathType, service)], annotations));

    public void Write(string fileName, string text) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);

    /// <summary>Creates a file and writes it one document at a time (<see cref="StreamingWriter"/>).</summary>
    public void WriteDocumentByDocument(string fileName, IReadOnlyList<string> documents, IReadOnlyList<int> pauses) =>
        StreamingWriter.WriteDocumentByDocument(System.IO.Path.Combine(Path, fileName), documents, pauses);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
