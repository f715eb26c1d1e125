using System.Globalization;
using k8s.Models;

namespace NginxIngress.Benchmarks.Synthetic;

/// <summary>
/// Makes the objects of one <see cref="SyntheticCluster"/>. Every random choice comes from one seeded
/// <see cref="Random"/>, drawn in a fixed order, so a seed always yields the same cluster. Paths are kept
/// unique per host: a conflict would drop a path and the benchmark would measure less than it claims.
/// </summary>
internal sealed class SyntheticObjectFactory(SyntheticClusterShape shape)
{
    public const string IngressClassName = "nginx";
    public const string ControllerClass = "k8s.io/ingress-nginx";
    private const string AnnotationPrefix = "nginx.ingress.kubernetes.io/";

    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] PlainSegments =
        ["api", "static", "assets", "auth", "v1/users", "v2/orders", "graphql", "healthz", "docs", "img", "ws", "checkout"];

    private static readonly string[] RegexPaths =
        [@"/api/v[0-9]+/.*", @"/users/[0-9]+", @"/files/.+\.(png|jpg|gif)", @"/search(/.*)?", @"/reports/[a-z]+-[0-9]{4}"];

    private static readonly string[] RewriteSegments = ["app", "shop", "blog", "admin", "console"];

    private readonly Random _random = new(shape.Seed);
    private readonly List<string> _hosts = [];
    private readonly Dictionary<string, HashSet<string>> _pathsByHost = new(StringComparer.Ordinal);
    private int _nextAddress = 0x0001_01;

    public SyntheticCluster Create()
    {
        var namespaceCount = Math.Max(1, (shape.IngressCount + shape.IngressesPerNamespace - 1) / shape.IngressesPerNamespace);
        var ingresses = new List<V1Ingress>(shape.IngressCount);
        var services = new List<V1Service>(shape.IngressCount);
        var slices = new List<V1EndpointSlice>(shape.IngressCount);
        for (var i = 0; i < shape.IngressCount; i++)
        {
            var ns = $"team-{i % namespaceCount:D3}";
            var name = $"app-{i:D5}";
            var created = Epoch.AddSeconds(i);
            services.Add(Service(ns, name, created, i));
            slices.Add(EndpointSlice(ns, name, created));
            ingresses.Add(Ingress(ns, name, created, i));
        }
        return new SyntheticCluster
        {
            Shape = shape,
            IngressClasses = [IngressClass()],
            Ingresses = ingresses,
            Services = services,
            EndpointSlices = slices,
        };
    }

    private static V1IngressClass IngressClass() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "IngressClass",
        Metadata = new V1ObjectMeta { Name = IngressClassName, CreationTimestamp = Epoch },
        Spec = new V1IngressClassSpec { Controller = ControllerClass },
    };

    private static V1Service Service(string ns, string name, DateTime created, int index) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, CreationTimestamp = created },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = $"10.96.{(index >> 8) & 0xff}.{index & 0xff}",
            Selector = new Dictionary<string, string> { ["app"] = name },
            // A named port with a numeric targetPort: the slice port is matched by the name, as the EndpointSlice controller does.
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }],
        },
    };

    private V1EndpointSlice EndpointSlice(string ns, string service, DateTime created)
    {
        var endpointCount = 2 + _random.Next(2);
        var endpoints = new List<V1Endpoint>(endpointCount);
        for (var e = 0; e < endpointCount; e++)
        {
            endpoints.Add(new V1Endpoint
            {
                Addresses = [NextLoopbackAddress()],
                Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
                TargetRef = new V1ObjectReference { Kind = "Pod", Name = $"{service}-{RandomSuffix(10)}", NamespaceProperty = ns },
            });
        }
        return new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta
            {
                Name = $"{service}-{RandomSuffix(5)}",
                NamespaceProperty = ns,
                CreationTimestamp = created,
                Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
            },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
            Endpoints = endpoints,
        };
    }

    private V1Ingress Ingress(string ns, string name, DateTime created, int index)
    {
        var annotations = new Dictionary<string, string>();
        var useLegacyClass = _random.NextDouble() < shape.LegacyClassAnnotationFraction;
        if (useLegacyClass)
        {
            annotations["kubernetes.io/ingress.class"] = IngressClassName;
        }

        var kindRoll = _random.NextDouble();
        var kind = kindRoll < shape.UseRegexFraction ? PathKind.Regex
            : kindRoll < shape.UseRegexFraction + shape.RewriteFraction ? PathKind.Rewrite
            : PathKind.Plain;
        var (host, isNewHost) = PickHost(ns, index);
        // Mostly by number, some by name: both resolve through the Service's port list. One style per Ingress, as
        // people write them: the builder keys upstreams by the port as written, so mixing the two styles for one
        // Service would give it two upstream{} blocks and inflate every upstream count below.
        var portByName = _random.Next(5) == 0;
        var usedPaths = _pathsByHost[host];

        List<V1HTTPIngressPath> paths;
        switch (kind)
        {
            case PathKind.Regex:
                annotations[AnnotationPrefix + "use-regex"] = "true";
                paths = Distinct(1 + _random.Next(2), _ => RegexPaths[_random.Next(RegexPaths.Length)], name, usedPaths)
                    .Select(path => Path(path, "ImplementationSpecific", name, portByName)).ToList();
                break;
            case PathKind.Rewrite:
                annotations[AnnotationPrefix + "rewrite-target"] = "/$2";
                if (_random.Next(3) == 0)
                {
                    annotations[AnnotationPrefix + "x-forwarded-prefix"] = "/" + name;
                }
                paths = Distinct(1 + _random.Next(2), _ => $"/{RewriteSegments[_random.Next(RewriteSegments.Length)]}(/|$)(.*)", name, usedPaths)
                    .Select(path => Path(path, "ImplementationSpecific", name, portByName)).ToList();
                break;
            default:
                var count = 1 + _random.Next(3);
                var offerRoot = isNewHost && _random.NextDouble() < 0.35;
                paths = Distinct(count, i => i == 0 && offerRoot ? "/" : "/" + PlainSegments[_random.Next(PlainSegments.Length)], name, usedPaths)
                    .Select(path => Path(path, PlainPathType(), name, portByName)).ToList();
                break;
        }

        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                CreationTimestamp = created,
                Annotations = annotations.Count == 0 ? null : annotations,
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = useLegacyClass ? null : IngressClassName,
                Rules = [new V1IngressRule { Host = host, Http = new V1HTTPIngressRuleValue { Paths = paths } }],
            },
        };
    }

    private (string Host, bool IsNew) PickHost(string ns, int index)
    {
        var roll = _random.NextDouble();
        if (roll < shape.SharedHostFraction && _hosts.Count > 0)
        {
            return (_hosts[_random.Next(_hosts.Count)], false);
        }
        var host = roll < shape.SharedHostFraction + shape.WildcardHostFraction
            ? $"*.tenant-{index:D5}.example.org"
            : $"app-{index:D5}.{ns}.example.com";
        _hosts.Add(host);
        _pathsByHost.Add(host, new HashSet<string>(StringComparer.Ordinal));
        return (host, true);
    }

    /// <summary>
    /// Draws up to <paramref name="count"/> paths the host does not have yet. A taken path is moved under
    /// <c>/&lt;ingress name&gt;</c>, which no other Ingress uses, so merging hosts never makes a conflict.
    /// </summary>
    private static List<string> Distinct(int count, Func<int, string> draw, string ingressName, HashSet<string> usedPaths)
    {
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var path = draw(i);
            if (!usedPaths.Add(path))
            {
                path = path == "/" ? "/" + ingressName : $"/{ingressName}{path}";
                if (!usedPaths.Add(path))
                {
                    continue;
                }
            }
            result.Add(path);
        }
        return result;
    }

    private string PlainPathType()
    {
        var roll = _random.Next(100);
        return roll < 60 ? "Prefix" : roll < 85 ? "Exact" : "ImplementationSpecific";
    }

    private static V1HTTPIngressPath Path(string path, string pathType, string service, bool portByName) => new()
    {
        Path = path,
        PathType = pathType,
        Backend = new V1IngressBackend
        {
            Service = new V1IngressServiceBackend
            {
                Name = service,
                Port = portByName ? new V1ServiceBackendPort { Name = "http" } : new V1ServiceBackendPort { Number = 80 },
            },
        },
    };

    /// <summary>127.0.1.1, 127.0.1.2, …: distinct, never a network or broadcast-looking last octet.</summary>
    private string NextLoopbackAddress()
    {
        while ((_nextAddress & 0xff) is 0 or 255)
        {
            _nextAddress++;
        }
        var address = _nextAddress++;
        return string.Create(CultureInfo.InvariantCulture, $"127.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}");
    }

    private string RandomSuffix(int length)
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, _random, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[random.Next(Alphabet.Length)];
            }
        });
    }

    private enum PathKind
    {
        Plain,
        Regex,
        Rewrite,
    }
}
