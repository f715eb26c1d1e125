using System.Text;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// The Secrets, TLS Ingresses and controller ConfigMaps the TLS tests apply, written as users write them. Services
/// and Ingresses without <c>tls</c> come from <see cref="Routing.RoutingYaml"/>.
/// </summary>
internal static class TlsYaml
{
    /// <summary>The namespace/name the ConfigMap tests pass as <c>--configmap</c>.</summary>
    public const string ConfigMapNamespace = "ingress-nginx";
    public const string ConfigMapName = "ingress-nginx-controller";

    /// <summary>A <c>kubernetes.io/tls</c> Secret holding the certificate's chain and key, as cert-manager writes one.</summary>
    public static string Secret(string name, TestCertificate certificate) => Secret(name, certificate.ChainPem, certificate.PrivateKeyPem);

    /// <summary>A <c>kubernetes.io/tls</c> Secret with any text (base64 in <c>data</c>); a null value leaves its key out.</summary>
    public static string Secret(string name, string? certificate, string? key)
    {
        var yaml = new StringBuilder($"""
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: {name}
              namespace: default
            type: kubernetes.io/tls
            data:

            """);
        if (certificate is not null)
        {
            yaml.AppendLine($"  tls.crt: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate))}");
        }
        if (key is not null)
        {
            yaml.AppendLine($"  tls.key: {Convert.ToBase64String(Encoding.ASCII.GetBytes(key))}");
        }
        return yaml.ToString();
    }

    /// <summary>
    /// An Ingress of class nginx routing <c>/</c> of <paramref name="host"/> to <paramref name="service"/>, with one
    /// <c>tls</c> entry for the host naming <paramref name="secretName"/> (none when null: a TLS host with no certificate of its own).
    /// </summary>
    public static string Ingress(string name, string host, string service, string? secretName, IReadOnlyDictionary<string, string>? annotations = null) =>
        Ingress(name, [host], service, [host], secretName, annotations);

    /// <summary>An Ingress of class nginx routing <c>/</c> of each host to <paramref name="service"/>, with one tls entry.</summary>
    public static string Ingress(string name, IReadOnlyList<string> hosts, string service, IReadOnlyList<string> tlsHosts, string? secretName,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var yaml = new StringBuilder($"""
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}

            """);
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
        yaml.AppendLine("  tls:");
        yaml.AppendLine("  - hosts:");
        foreach (var host in tlsHosts)
        {
            yaml.AppendLine($"    - \"{host}\"");
        }
        if (secretName is not null)
        {
            yaml.AppendLine($"    secretName: {secretName}");
        }
        yaml.AppendLine("  rules:");
        foreach (var host in hosts)
        {
            yaml.AppendLine($"""
                  - host: "{host}"
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: {service}
                            port:
                              number: 80
                """);
        }
        return yaml.ToString();
    }

    /// <summary>The controller's ConfigMap (<see cref="ConfigMapNamespace"/>/<see cref="ConfigMapName"/>) with these keys.</summary>
    public static string ConfigMap(params (string Key, string Value)[] data)
    {
        var yaml = new StringBuilder($"""
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {ConfigMapName}
              namespace: {ConfigMapNamespace}
            data:

            """);
        foreach (var (key, value) in data)
        {
            yaml.AppendLine($"  {key}: \"{value}\"");
        }
        return yaml.ToString();
    }
}
