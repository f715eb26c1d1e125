using System.Net;
using System.Text;

namespace NginxIngress.Integration.Tests.Stream;

/// <summary>The Services, EndpointSlices and services ConfigMaps the TCP and UDP tests apply, written as users write them.</summary>
internal static class StreamYaml
{
    public const string Namespace = "ingress-nginx";

    /// <summary>A Service in <c>db</c> with one port of <paramref name="protocol"/> and the EndpointSlice of its one pod.</summary>
    public static string Service(string name, int port, string portName, IPEndPoint pod, string protocol = "TCP") => $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: db
        spec:
          ports:
          - name: {portName}
            port: {port}
            protocol: {protocol}
            targetPort: {pod.Port}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {name}-1
          namespace: db
          labels:
            kubernetes.io/service-name: {name}
        addressType: IPv4
        ports:
        - name: {portName}
          port: {pod.Port}
          protocol: {protocol}
        endpoints:
        - addresses: ["{pod.Address}"]
          conditions:
            ready: true

        """;

    public static string ConfigMap(string name, IReadOnlyDictionary<string, string> data)
    {
        var yaml = new StringBuilder($"""
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              namespace: {Namespace}
            data:

            """);
        foreach (var (key, value) in data)
        {
            yaml.AppendLine($"  \"{key}\": \"{value}\"");
        }
        return yaml.ToString();
    }
}
