namespace NginxIngress.Benchmarks.Synthetic;

/// <summary>A one-host Ingress of class nginx routing <c>/</c> to port 80 of an existing Service, as a user would add one; every benchmark mode that edits Ingresses writes this one.</summary>
internal static class BenchIngress
{
    public static string Yaml(string ns, string name, string host, string service) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          ingressClassName: nginx
          rules:
          - host: {host}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: {service}
                    port:
                      number: 80

        """;
}
