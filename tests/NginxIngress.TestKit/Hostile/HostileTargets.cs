using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.TestKit.Objects;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.TestKit.Hostile;

/// <summary>
/// Every place the hostile corpus writes a value, generated from the registries so that annotations and ConfigMap
/// keys added later are covered without touching this file, plus the Ingress fields that reach nginx.conf: path
/// (on a plain host and on a regex host), host, TLS secret name and backend Service name.
/// </summary>
public static class HostileTargets
{
    public const string Host = "app.example.com";
    public const string IngressName = "app";
    public static readonly ObjectKey ConfigMap = new("ingress-nginx", "nginx-configuration");

    /// <summary>
    /// Accepted values for specs whose <c>Default</c> is prose rather than a value ("(none)", "ingress-nginx's … list").
    /// A spec added without a usable default needs a line here: Every_spec_has_a_benign_example_the_controller_accepts
    /// fails and names it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Examples = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["annotation rewrite-target"] = "/$1",
        ["annotation x-forwarded-prefix"] = "/prefix",
        ["annotation allowlist-source-range"] = "10.0.0.0/8",
        ["annotation whitelist-source-range"] = "10.0.0.0/8",
        ["annotation denylist-source-range"] = "192.168.0.0/16",
        ["annotation permanent-redirect"] = "https://new.example.com/landing",
        ["annotation temporal-redirect"] = "https://new.example.com/landing",
        ["annotation app-root"] = "/app/index",
        ["annotation upstream-vhost"] = "backend.example.com",
        ["annotation connection-proxy-header"] = "keep-alive",
        ["annotation server-alias"] = "alias.example.com",
        ["annotation default-backend"] = "web",
        ["annotation custom-http-errors"] = "503",
        ["annotation upstream-hash-by"] = "$request_uri",
        ["annotation cors-expose-headers"] = "X-Total",
        ["configmap custom-http-errors"] = "503",
        ["configmap access-log-params"] = "buffer=16k",
        ["configmap skip-access-log-urls"] = "/healthz",
        ["configmap gzip-types"] = "text/plain",
        ["configmap block-cidrs"] = "192.0.2.0/24",
        ["configmap server-name-hash-bucket-size"] = "256",
        ["configmap bind-address"] = "127.0.0.1",
        ["configmap ssl-ciphers"] = "ECDHE-RSA-AES128-GCM-SHA256",
        ["configmap whitelist-source-range"] = "10.0.0.0/8",
        ["configmap denylist-source-range"] = "192.168.0.0/16",
    };

    /// <summary>Places whose value the product turns into other text before printing it (see HostileTarget.Printed).</summary>
    private static readonly IReadOnlyDictionary<string, Func<string, string>> PrintedForms = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
    {
        // Each prefix becomes part of a regex, with its dots escaped (TlsTranslation.Http).
        ["configmap no-tls-redirect-locations"] = value => value.Replace(".", "\\.", StringComparison.Ordinal),
    };

    /// <summary>Annotations another annotation only acts with: set beside it so the value is printed at all.</summary>
    private static readonly IReadOnlyDictionary<string, (string Name, string Value)> Companions = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["x-forwarded-prefix"] = ("rewrite-target", "/"),
        ["permanent-redirect-code"] = ("permanent-redirect", "https://new.example.com/landing"),
        ["temporal-redirect-code"] = ("temporal-redirect", "https://new.example.com/landing"),
        ["cors-allow-origin"] = ("enable-cors", "true"),
        ["cors-allow-methods"] = ("enable-cors", "true"),
        ["cors-allow-headers"] = ("enable-cors", "true"),
        ["cors-expose-headers"] = ("enable-cors", "true"),
        ["cors-allow-credentials"] = ("enable-cors", "true"),
        ["cors-max-age"] = ("enable-cors", "true"),
    };

    /// <summary>
    /// Snippets are raw nginx text by design (CVE-2021-25742): they cannot be made inert, only kept out. An annotation
    /// rated Critical, or named <c>*-snippet</c>, must therefore be refused while the gates are closed (the default:
    /// annotations-risk-level High, allow-snippet-annotations false).
    /// </summary>
    public static bool IsRawNginxByDesign(AnnotationSpec spec) =>
        spec.Risk == AnnotationRisk.Critical || spec.Name.EndsWith("-snippet", StringComparison.Ordinal);

    /// <summary>
    /// ConfigMap snippets (http-snippet, server-snippet…) are raw nginx text written by the cluster's operator, who
    /// owns nginx.conf anyway: they are left out of the corpus rather than expected to be inert.
    /// </summary>
    public static bool IsRawNginxByDesign(ConfigMapKeySpec spec) => spec.Key.EndsWith("-snippet", StringComparison.Ordinal);

    public static IReadOnlyList<HostileTarget> All { get; } = Build();

    private static List<HostileTarget> Build()
    {
        var targets = new List<HostileTarget>();
        foreach (var spec in AnnotationRegistry.All)
        {
            var name = $"annotation {spec.Name}";
            var benign = Examples.GetValueOrDefault(name) ?? spec.Default;
            var companion = Companions.GetValueOrDefault(spec.Name);
            targets.Add(new HostileTarget(name, $"metadata.annotations[{IngressBuilder.NginxPrefix}/{spec.Name}]", benign, IsRawNginxByDesign(spec),
                value => new BaseCluster { Annotations = companion.Name is null ? new() { [spec.Name] = value } : new() { [spec.Name] = value, [companion.Name] = companion.Value } }.Build()));
        }
        foreach (var spec in ConfigMapKeyRegistry.All.Where(spec => !IsRawNginxByDesign(spec)).DistinctBy(spec => spec.Key))
        {
            var name = $"configmap {spec.Key}";
            targets.Add(new HostileTarget(name, $"data[{spec.Key}]", Examples.GetValueOrDefault(name) ?? spec.Default, false,
                value => new BaseCluster { ConfigMapData = new() { [spec.Key] = value } }.Build())
            {
                Printed = PrintedForms.GetValueOrDefault(name) ?? (value => value),
            });
        }
        const string PathField = "spec.rules[0].http.paths[0].path";
        targets.Add(new HostileTarget("ingress path (ImplementationSpecific)", PathField, "/app", false,
            value => new BaseCluster { Path = value, PathType = "ImplementationSpecific" }.Build()));
        targets.Add(new HostileTarget("ingress path (regex host)", PathField, "/app/(.*)", false,
            value => new BaseCluster { Path = value, PathType = "ImplementationSpecific", Annotations = new() { ["use-regex"] = "true" } }.Build()));
        // Most values do not start with "/" and are refused for that alone: these reach the quoting with every character.
        targets.Add(new HostileTarget("ingress path (ImplementationSpecific, \"/\" + value)", PathField, "app", false,
            value => new BaseCluster { Path = "/" + value, PathType = "ImplementationSpecific" }.Build()) { Printed = value => "/" + value });
        targets.Add(new HostileTarget("ingress path (regex host, \"/\" + value)", PathField, "app/(.*)", false,
            value => new BaseCluster { Path = "/" + value, PathType = "ImplementationSpecific", Annotations = new() { ["use-regex"] = "true" } }.Build())
            { Printed = value => "/" + value });
        targets.Add(new HostileTarget("ingress host", "spec.rules[0].host", Host, false, value => new BaseCluster { Host = value }.Build()));
        // The Secret's name reaches nginx.conf only as a hash in its certificate's file name (TlsTranslation.CertificateFile).
        targets.Add(new HostileTarget("tls secretName", "spec.tls[0].secretName", "app-tls", false, value => new BaseCluster { TlsSecret = value }.Build())
        {
            Printed = value => $"certs/tls-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"default/{value}")))[..24]}.pem",
        });
        targets.Add(new HostileTarget("backend service name", "spec.rules[0].http.paths[0].backend", "web", false, value => new BaseCluster { Service = value }.Build()));
        return targets;
    }

    private static readonly Lazy<TestCertificate> Certificate = new(() => TestCertificates.SelfSigned(Host, [Host]));

    /// <summary>An Ingress with a tls entry routing one path to a Service with a ready endpoint, and the controller's ConfigMap.</summary>
    private sealed record BaseCluster
    {
        public string Host { get; init; } = HostileTargets.Host;
        public string Path { get; init; } = "/app";
        public string PathType { get; init; } = "Prefix";
        public string Service { get; init; } = "web";
        public string TlsSecret { get; init; } = "app-tls";
        public Dictionary<string, string> Annotations { get; init; } = [];
        public Dictionary<string, string> ConfigMapData { get; init; } = [];

        public ClusterSnapshot Build()
        {
            var ingress = new IngressBuilder(IngressName).Path(Host, Path, PathType, Service).Tls(TlsSecret, Host);
            foreach (var (name, value) in Annotations)
            {
                ingress.Nginx(name, value);
            }
            var configMap = new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = ConfigMap.Name, NamespaceProperty = ConfigMap.Namespace },
                Data = new Dictionary<string, string>(ConfigMapData),
            };
            return SnapshotBuilder.WithNginxClass(Workload.Create(Service), ingress,
                TestCertificates.Secret(TlsSecret, Certificate.Value.CertificatePem, Certificate.Value.PrivateKeyPem), configMap);
        }
    }
}
