using System.Globalization;
using System.Text;
using NginxIngress.Benchmarks.Synthetic;

namespace NginxIngress.Benchmarks.Churn;

/// <summary>
/// The churn benches' own objects in a manifest folder, in namespace <c>bench</c>: one Service whose EndpointSlice
/// lists the endpoints a rollout replaces, one Ingress to it, and one more Ingress whose host an edit changes to
/// force a reload. Files are replaced by write-and-rename, so the controller never reads one half-written.
/// </summary>
public sealed class ChurnManifests(string directory)
{
    public const string Host = "churn.example.com";

    public string Directory { get; } = directory;

    public void WriteIngressClass() => Write("00-ingressclass.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
        """);

    /// <summary>The Service, its Ingress, and the other Ingress (host <c>reload-0</c>).</summary>
    public void WriteService(int targetPort)
    {
        Write("bench-service.yaml", $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: churn
              namespace: bench
            spec:
              ports:
              - name: http
                port: 80
                targetPort: {targetPort}
            """);
        Write("bench-ingress.yaml", Ingress("churn", Host));
        ForceReload(0);
    }

    /// <summary>The EndpointSlice with exactly these ready addresses.</summary>
    public void WriteEndpoints(int port, IEnumerable<string> addresses)
    {
        var yaml = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: churn-1
              namespace: bench
              labels:
                kubernetes.io/service-name: churn
            addressType: IPv4
            ports:
            - name: http
              port: {port}
            endpoints:

            """));
        foreach (var address in addresses)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                - addresses: ["{address}"]
                  conditions:
                    ready: true

                """);
        }
        Write("bench-slice.yaml", yaml.ToString());
    }

    /// <summary>Gives the other Ingress the host <c>reload-N.example.com</c>: a new config that does not touch the Service under load.</summary>
    public string ForceReload(int n)
    {
        var host = $"reload-{n}.example.com";
        Write("bench-other-ingress.yaml", Ingress("other", host));
        return host;
    }

    private static string Ingress(string name, string host) => BenchIngress.Yaml("bench", name, host, "churn");

    private void Write(string fileName, string text)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path + ".partial", text);
        File.Move(path + ".partial", path, overwrite: true);
    }
}
