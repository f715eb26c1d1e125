using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using k8s.Models;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Tests.Rendering;

/// <summary>
/// A large cluster renders completely. Scriban's defaults stop a loop after 1,000 iterations and cut a string at
/// 1 MiB; a config with thousands of hosts passes both, and a truncated nginx.conf must never reach nginx.
/// </summary>
[TestFixture]
public sealed class LargeConfigTests
{
    private const int Hosts = 3_000;
    private const int OneMebibyte = 1 << 20;

    private static readonly Lazy<PipelineResult> Result = new(() =>
        ConfigPipeline.Run(Cluster(Hosts), ControllerOptions.Default, NginxSettings.Default));

    [Test]
    public void Config_for_3000_hosts_is_larger_than_one_mebibyte()
    {
        Assert.That(Encoding.UTF8.GetByteCount(Result.Value.Rendered.Text), Is.GreaterThan(OneMebibyte));
    }

    [Test]
    public void Config_for_3000_hosts_has_a_server_and_an_upstream_for_every_host()
    {
        var text = Result.Value.Rendered.Text;
        var missingServers = Enumerable.Range(0, Hosts).Where(i => !text.Contains($"server_name \"{Host(i)}\";", StringComparison.Ordinal)).ToList();
        var missingUpstreams = Enumerable.Range(0, Hosts).Where(i => !text.Contains($"upstream \"{NginxNames.UpstreamBlock($"{Namespace(i)}.app.80")}\" {{", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(missingServers, Is.Empty, "hosts without a server block");
            Assert.That(missingUpstreams, Is.Empty, "backends without an upstream");
            Assert.That(Result.Value.Config.Servers, Has.Count.EqualTo(Hosts + 1), "every host plus the catch-all");
            Assert.That(Result.Value.Problems, Is.Empty);
        });
    }

    [Test]
    public void Config_for_3000_hosts_ends_with_the_status_server_and_closes_http()
    {
        var text = Result.Value.Rendered.Text;
        var lastHost = text.LastIndexOf($"server_name \"{Host(Hosts - 1)}\";", StringComparison.Ordinal);
        var statusServer = text.LastIndexOf("listen 127.0.0.1:10246;", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(statusServer, Is.GreaterThan(lastHost), "the status server is printed after every host");
            Assert.That(text, Does.Contain($"return 200 \"{Result.Value.Rendered.Version}\";"), "the version is written into the status server");
            Assert.That(text, Does.EndWith("        location / {\n            return 404;\n        }\n    }\n}\n"));
            Assert.That(Braces(text), Is.Zero, "every { has its }");
        });
    }

    /// <summary>Counts open braces outside quoted strings and comments, so a cut-off config shows up as unbalanced.</summary>
    private static int Braces(string text)
    {
        var depth = 0;
        foreach (var line in text.Split('\n'))
        {
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    i += c == '\\' ? 1 : 0;
                    quoted = c != '"';
                    continue;
                }
                if (c is '#' && !line[..i].Contains('\''))
                {
                    break;
                }
                depth += c switch { '{' => 1, '}' => -1, _ => 0 };
                quoted = c == '"';
            }
        }
        return depth;
    }

    private static string Host(int i) => string.Create(CultureInfo.InvariantCulture, $"host-{i:D4}.example.com");

    private static string Namespace(int i) => string.Create(CultureInfo.InvariantCulture, $"team-{i:D4}");

    /// <summary>One namespace per host, each with an Ingress (three paths), a Service and an EndpointSlice.</summary>
    private static ClusterSnapshot Cluster(int hosts)
    {
        var ingresses = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Ingress>();
        var services = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1Service>();
        var slices = ImmutableSortedDictionary.CreateBuilder<ObjectKey, V1EndpointSlice>();
        for (var i = 0; i < hosts; i++)
        {
            var ns = Namespace(i);
            ingresses.Add(new ObjectKey(ns, "app"), new V1Ingress
            {
                Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = ns, CreationTimestamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
                Spec = new V1IngressSpec
                {
                    IngressClassName = "nginx",
                    Rules =
                    [
                        new V1IngressRule
                        {
                            Host = Host(i),
                            Http = new V1HTTPIngressRuleValue { Paths = [Path("/", "Prefix"), Path("/api", "Prefix"), Path("/healthz", "Exact")] },
                        },
                    ],
                },
            });
            services.Add(new ObjectKey(ns, "app"), new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = ns },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "8080" }] },
            });
            slices.Add(new ObjectKey(ns, "app-abcde"), new V1EndpointSlice
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "app-abcde",
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "app" },
                },
                AddressType = "IPv4",
                Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080 }],
                Endpoints =
                [
                    new V1Endpoint
                    {
                        Addresses = [string.Create(CultureInfo.InvariantCulture, $"127.0.{1 + (i / 250)}.{1 + (i % 250)}")],
                        Conditions = new V1EndpointConditions { Ready = true },
                    },
                ],
            });
        }
        return new ClusterSnapshot
        {
            IngressClasses = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create("nginx", new V1IngressClass { Metadata = new V1ObjectMeta { Name = "nginx" }, Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" } })]),
            Ingresses = ingresses.ToImmutable(),
            Services = services.ToImmutable(),
            EndpointSlices = slices.ToImmutable(),
        };
    }

    private static V1HTTPIngressPath Path(string path, string pathType) => new()
    {
        Path = path,
        PathType = pathType,
        Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "app", Port = new V1ServiceBackendPort { Number = 80 } } },
    };
}
