using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Building;

/// <summary>
/// Turns an Ingress backend into a <see cref="BackendRef"/> and resolves it, once per build, to the ready
/// endpoints of its Service. Endpoints come from the EndpointSlices labelled
/// <c>kubernetes.io/service-name</c>; a slice port is matched to the Service port by name, which is how the
/// EndpointSlice controller resolves a named targetPort such as <c>flask-port</c>.
/// </summary>
public sealed class BackendResolver
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly ClusterSnapshot _snapshot;
    private readonly ILookup<ObjectKey, V1EndpointSlice> _slicesByService;
    private readonly Dictionary<BackendRef, (BackendModel Model, string? Warning, ObjectKey? Claimant)> _resolved = [];

    public BackendResolver(ClusterSnapshot snapshot)
    {
        _snapshot = snapshot;
        _slicesByService = snapshot.EndpointSlices.Values
            .Where(slice => slice.Metadata?.Labels?.ContainsKey(ServiceNameLabel) == true)
            .ToLookup(slice => new ObjectKey(slice.Namespace() ?? "", slice.Metadata.Labels[ServiceNameLabel]));
    }

    /// <summary>Every backend referenced so far, ordered by namespace, Service and port.</summary>
    public EquatableArray<BackendModel> Backends() =>
        _resolved.Values.Select(entry => entry.Model)
            .OrderBy(model => model.Ref.Namespace, StringComparer.Ordinal)
            .ThenBy(model => model.Ref.ServiceName, StringComparer.Ordinal)
            .ThenBy(model => model.Ref.Port, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>
    /// Returns the reference, or null (with an error problem) when the backend cannot be proxied to at all.
    /// A Service that is missing or has no ready endpoints still yields a reference: its paths answer 503.
    /// <paramref name="upstream"/> is how the Ingress wants the port's upstream formed: the first (oldest) Ingress
    /// to name the port decides, since all share one upstream; a later one that wants otherwise gets a warning.
    /// <paramref name="fallback"/> is the default-backend annotation's Service, which serves when this one has no endpoints.
    /// </summary>
    public BackendRef? Reference(ObjectKey ingress, V1IngressBackend backend, string field, ICollection<Problem> problems, UpstreamModel? upstream = null,
        BackendRef? fallback = null)
    {
        var subject = ObjectRef.Ingress(ingress);
        if (backend.Service is null)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Error, "UnsupportedBackend",
                "only Service backends are supported; this path is not served"));
            return null;
        }
        var serviceName = backend.Service.Name ?? "";
        if (HostNameRules.Check(serviceName) is not null || serviceName.Contains('.'))
        {
            problems.Add(new Problem(subject, $"{field}.service.name", ProblemSeverity.Error, "InvalidBackend",
                $"\"{Annotations.AnnotationReader.Printable(serviceName)}\" is not a valid Service name; this path is not served"));
            return null;
        }
        var port = backend.Service.Port switch
        {
            { Number: > 0 and <= 65535 } p => p.Number.Value.ToString(CultureInfo.InvariantCulture),
            { Name: { Length: > 0 } name } when HostNameRules.Check(name) is null && !name.Contains('.') => name,
            _ => null,
        };
        if (port is null)
        {
            problems.Add(new Problem(subject, $"{field}.service.port", ProblemSeverity.Error, "InvalidBackend",
                "the Service port needs a number from 1 to 65535 or a valid port name; this path is not served"));
            return null;
        }

        var reference = Canonical(new BackendRef(ingress.Namespace, serviceName, port));
        var entry = Claim(reference, ingress, upstream ?? UpstreamModel.Default);
        if (entry.Warning is { } warning)
        {
            const string Unserved = "requests answer 503";
            if (entry.Model.Endpoints.Count == 0 && fallback is not null && _resolved.TryGetValue(fallback, out var served) && served.Model.Endpoints.Count > 0
                && warning.EndsWith(Unserved, StringComparison.Ordinal))
            {
                warning = warning[..^Unserved.Length] + $"the default-backend Service {fallback.Namespace}/{fallback.ServiceName} answers instead";
            }
            problems.Add(new Problem(subject, $"{field}.service", ProblemSeverity.Warning, "BackendUnavailable", warning));
        }
        if (entry.Claimant is { } older && older != ingress && entry.Model.Upstream != (upstream ?? UpstreamModel.Default))
        {
            problems.Add(new Problem(subject, $"{field}.service", ProblemSeverity.Warning, "Conflict",
                $"Service port {reference} has one upstream for every Ingress, and the older Ingress {older} set it to {entry.Model.Upstream}; "
                + $"this Ingress's {upstream ?? UpstreamModel.Default} is ignored for it"));
        }
        return reference;
    }

    /// <summary>
    /// The default-backend annotation's Service: its first port, as ingress-nginx takes it. It does not decide how the
    /// port's upstream is balanced (only Ingresses that route to it do). Null, with a warning, when the Service is missing.
    /// </summary>
    public BackendRef? DefaultBackend(ObjectKey ingress, string serviceName, string field, ICollection<Problem> problems)
    {
        var key = new ObjectKey(ingress.Namespace, serviceName);
        if (!_snapshot.Services.TryGetValue(key, out var service) || service.Spec?.Ports is not { Count: > 0 } ports)
        {
            problems.Add(new Problem(ObjectRef.Ingress(ingress), field, ProblemSeverity.Warning, "DefaultBackendIgnored",
                $"Service {key} does not exist or has no ports; default-backend is ignored"));
            return null;
        }
        var reference = new BackendRef(key.Namespace, key.Name, ports[0].Port.ToString(CultureInfo.InvariantCulture));
        if (!_resolved.TryGetValue(reference, out var entry))
        {
            entry = Resolve(reference, UpstreamModel.Default);
            _resolved.Add(reference, entry);
        }
        if (entry.Model.Endpoints.Count == 0)
        {
            problems.Add(new Problem(ObjectRef.Ingress(ingress), field, ProblemSeverity.Warning, "BackendUnavailable",
                $"the default-backend Service {key} has no ready endpoints; nginx answers in its place"));
        }
        return reference;
    }

    /// <summary>Resolves the port once; an Ingress routing to a port so far named only as a default-backend claims its upstream.</summary>
    private (BackendModel Model, string? Warning, ObjectKey? Claimant) Claim(BackendRef reference, ObjectKey ingress, UpstreamModel upstream)
    {
        if (!_resolved.TryGetValue(reference, out var entry) || entry.Claimant is null)
        {
            var (model, warning, _) = Resolve(reference, upstream);
            entry = (model, warning, ingress);
            _resolved[reference] = entry;
        }
        return entry;
    }

    /// <summary>
    /// One Service port named by number in one place and by name in another is still one backend: it gets
    /// one upstream, one round-robin and one keepalive pool. A port the Service does not have stays as written.
    /// </summary>
    private BackendRef Canonical(BackendRef written)
    {
        var servicePort = _snapshot.Services.TryGetValue(new ObjectKey(written.Namespace, written.ServiceName), out var service)
            ? service.Spec?.Ports?.FirstOrDefault(p => p.Port.ToString(CultureInfo.InvariantCulture) == written.Port || p.Name == written.Port)
            : null;
        return servicePort is null ? written : written with { Port = servicePort.Port.ToString(CultureInfo.InvariantCulture) };
    }

    private (BackendModel Model, string? Warning, ObjectKey? Claimant) Resolve(BackendRef reference, UpstreamModel upstream)
    {
        var (model, warning) = ResolveEndpoints(reference, upstream);
        return (model with { Upstream = upstream }, warning, null);
    }

    private (BackendModel, string?) ResolveEndpoints(BackendRef reference, UpstreamModel upstream)
    {
        var key = new ObjectKey(reference.Namespace, reference.ServiceName);
        if (!_snapshot.Services.TryGetValue(key, out var service))
        {
            return (Unavailable(reference), $"Service {key} does not exist; requests answer 503");
        }
        var servicePort = service.Spec?.Ports?.FirstOrDefault(p =>
            p.Port.ToString(CultureInfo.InvariantCulture) == reference.Port || p.Name == reference.Port);

        if (service.Spec?.Type == "ExternalName")
        {
            return ResolveExternalName(reference, service, servicePort);
        }
        if (servicePort is null)
        {
            return (Unavailable(reference), $"Service {key} has no port {reference.Port}; requests answer 503");
        }

        string? fallback = null;
        if (upstream.ServiceUpstream)
        {
            // ingress-nginx's getServiceClusterEndpoint: the ClusterIP with the Service port, else the endpoints.
            var clusterIp = service.Spec?.ClusterIP ?? "";
            if (Address(clusterIp, clusterIp.Contains(':') ? "IPv6" : "IPv4") is { } ip)
            {
                return (new BackendModel { Ref = reference, Endpoints = new(ImmutableArray.Create(new EndpointModel(ip, servicePort.Port))) }, null);
            }
            fallback = $"Service {key} has no ClusterIP (it is headless); service-upstream uses its endpoints instead";
        }
        var endpoints = ReadyEndpoints(key, servicePort);
        var warning = fallback is not null ? fallback + (endpoints.Count == 0 ? ", and it has none ready: requests answer 503" : "")
            : endpoints.Count == 0 ? $"Service {key} has no ready endpoints for port {reference.Port}; requests answer 503" : null;
        return (new BackendModel { Ref = reference, Endpoints = endpoints }, warning);
    }

    /// <summary>
    /// The ready endpoints of a TCP or UDP service's port: <paramref name="port"/> is the Service port's number or name,
    /// and only a port of <paramref name="protocol"/> counts (a DNS Service has port 53 twice, once per protocol), as
    /// in ingress-nginx's getStreamServices. Returns the backend, or null with what is wrong. Not kept among
    /// <see cref="Backends"/>: those are the http upstreams.
    /// </summary>
    public (BackendModel? Backend, string? Fault) ResolveStream(ObjectKey serviceKey, string port, StreamProtocol protocol)
    {
        var name = protocol == StreamProtocol.Tcp ? "TCP" : "UDP";
        if (!_snapshot.Services.TryGetValue(serviceKey, out var service))
        {
            return (null, $"Service {serviceKey} does not exist");
        }
        if (service.Spec?.Type == "ExternalName")
        {
            // nginx would resolve the name once, when it loads the config, and refuse the whole config when it cannot.
            return (null, $"Service {serviceKey} is of type ExternalName, which TCP and UDP services do not support");
        }
        var servicePort = service.Spec?.Ports?.FirstOrDefault(p =>
            (p.Port.ToString(CultureInfo.InvariantCulture) == port || p.Name == port) && (p.Protocol ?? "TCP") == name);
        if (servicePort is null)
        {
            return (null, $"Service {serviceKey} has no {name} port {port}");
        }
        var endpoints = ReadyEndpoints(serviceKey, servicePort);
        if (endpoints.Count == 0)
        {
            return (null, $"Service {serviceKey} has no ready endpoints for {name} port {port}");
        }
        var reference = new BackendRef(serviceKey.Namespace, serviceKey.Name, servicePort.Port.ToString(CultureInfo.InvariantCulture));
        return (new BackendModel { Ref = reference, Endpoints = endpoints }, null);
    }

    private EquatableArray<EndpointModel> ReadyEndpoints(ObjectKey service, V1ServicePort servicePort)
    {
        var found = new SortedSet<EndpointModel>(EndpointOrder.Instance);
        foreach (var slice in _slicesByService[service])
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }
            var slicePort = slice.Ports?.FirstOrDefault(p => (p.Name ?? "") == (servicePort.Name ?? ""));
            var port = slicePort?.Port ?? NumericTargetPort(servicePort);
            if (port is not (> 0 and <= 65535))
            {
                continue;
            }
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // The API says a nil ready condition means unknown and must be read as ready.
                if (endpoint.Conditions?.Ready == false)
                {
                    continue;
                }
                foreach (var address in endpoint.Addresses ?? [])
                {
                    if (Address(address, slice.AddressType) is { } ip)
                    {
                        found.Add(new EndpointModel(ip, port.Value));
                    }
                }
            }
        }
        return found.ToEquatableArray();
    }

    /// <summary>
    /// The canonical form of an endpoint address of the slice's address type, or null. IPAddress.TryParse alone
    /// also takes shorthand such as "10.1" (10.0.0.1) or "1" (0.0.0.1) and IPv6 zones; the API stores none of
    /// these, so such an address is not the one its author meant and is left out.
    /// </summary>
    private static string? Address(string address, string addressType)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return null;
        }
        return (addressType, ip.AddressFamily) switch
        {
            ("IPv4", AddressFamily.InterNetwork) when address.Count(c => c == '.') == 3 => ip.ToString(),
            ("IPv6", AddressFamily.InterNetworkV6) when ip.ScopeId == 0 && !address.Contains('%') => ip.ToString(),
            _ => null,
        };
    }

    /// <summary>The targetPort as a number: the Service port itself when unset, null when it is a port name.</summary>
    private static int? NumericTargetPort(V1ServicePort servicePort)
    {
        var target = servicePort.TargetPort?.Value;
        if (string.IsNullOrEmpty(target))
        {
            return servicePort.Port;
        }
        return int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static (BackendModel, string?) ResolveExternalName(BackendRef reference, V1Service service, V1ServicePort? servicePort)
    {
        var host = service.Spec.ExternalName ?? "";
        var reason = HostNameRules.IsWildcard(host) ? "is a wildcard" : HostNameRules.Check(host);
        if (reason is not null)
        {
            return (Unavailable(reference), $"ExternalName Service {service.Namespace()}/{service.Name()} has an externalName that {reason}; requests answer 503");
        }
        int? port = servicePort is null
            ? (int.TryParse(reference.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null)
            : NumericTargetPort(servicePort);
        if (port is not (> 0 and <= 65535))
        {
            return (Unavailable(reference), $"ExternalName Service {service.Namespace()}/{service.Name()} has no port {reference.Port}; requests answer 503");
        }
        var endpoints = ImmutableArray.Create(new EndpointModel(host, port.Value));
        return (new BackendModel { Ref = reference, Endpoints = new(endpoints), IsExternalName = true }, null);
    }

    private static BackendModel Unavailable(BackendRef reference) =>
        new() { Ref = reference, Endpoints = EquatableArray<EndpointModel>.Empty };

    private sealed class EndpointOrder : IComparer<EndpointModel>
    {
        public static readonly EndpointOrder Instance = new();

        public int Compare(EndpointModel? x, EndpointModel? y)
        {
            var byAddress = string.CompareOrdinal(x!.Address, y!.Address);
            return byAddress != 0 ? byAddress : x.Port.CompareTo(y.Port);
        }
    }
}
