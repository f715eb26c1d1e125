using System.Text;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>The Services and Ingresses the routing tests apply, written as users write them.</summary>
internal static class RoutingYaml
{
    public static string Service(string name, int port = 80, string portName = "http", string targetPort = "8080") => $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          selector:
            app: {name}
          ports:
          - name: {portName}
            port: {port}
            targetPort: {targetPort}

        """;

    /// <summary>A one-host Ingress of class nginx; each path is <c>(path, pathType, service)</c> on Service port 80.</summary>
    public static string Ingress(string name, string? host, IReadOnlyList<(string Path, string PathType, string Service)> paths,
        IReadOnlyDictionary<string, string>? annotations = null, string? creationTimestamp = null)
    {
        var yaml = new StringBuilder($"""
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}

            """);
        if (creationTimestamp is not null)
        {
            yaml.AppendLine($"  creationTimestamp: \"{creationTimestamp}\"");
        }
        if (annotations is { Count: > 0 })
        {
            yaml.AppendLine("  annotations:");
            foreach (var (key, value) in annotations)
            {
                yaml.AppendLine($"    nginx.ingress.kubernetes.io/{key}: \"{value}\"");
            }
        }
        yaml.AppendLine("spec:");
        yaml.AppendLine("  ingressClassName: nginx");
        yaml.AppendLine("  rules:");
        yaml.AppendLine(host is null ? "  - http:" : $"  - host: \"{host}\"\n    http:");
        yaml.AppendLine("      paths:");
        foreach (var (path, pathType, service) in paths)
        {
            yaml.AppendLine($"""
                      - path: "{path}"
                        pathType: {pathType}
                        backend:
                          service:
                            name: {service}
                            port:
                              number: 80
                """);
        }
        return yaml.ToString();
    }

    public static IReadOnlyDictionary<string, string> Annotations(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value);
}
