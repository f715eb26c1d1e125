using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Core.Streams;

namespace NginxIngress.Core.Building;

/// <summary>
/// The TCP and UDP services of the <c>--tcp-services-configmap</c> and <c>--udp-services-configmap</c> ConfigMaps, each
/// resolved to its Service port's ready endpoints. An entry whose Service, port or endpoints are missing is left out
/// with a Warning, as ingress-nginx leaves it out ("stream services cannot contain empty upstreams and there is no
/// default backend equivalent"): nginx then does not listen on that port at all, so clients are refused rather than
/// accepted and dropped, and the listener comes back with the first ready endpoint.
/// </summary>
public static class StreamServicesBuilder
{
    public const string UnavailableReason = "StreamServiceUnavailable";

    /// <returns>TCP services by port, then UDP services by port.</returns>
    public static EquatableArray<StreamServiceModel> Build(ClusterSnapshot snapshot, ControllerOptions options, BackendResolver resolver, List<Problem> problems) =>
        Services(snapshot, options.TcpServicesConfigMap, StreamProtocol.Tcp, options, resolver, problems)
            .Concat(Services(snapshot, options.UdpServicesConfigMap, StreamProtocol.Udp, options, resolver, problems))
            .ToEquatableArray();

    private static IEnumerable<StreamServiceModel> Services(ClusterSnapshot snapshot, ObjectKey? configMap, StreamProtocol protocol, ControllerOptions options,
        BackendResolver resolver, List<Problem> problems)
    {
        if (configMap is not { } key || snapshot.ConfigMaps.GetValueOrDefault(key) is not { } found)
        {
            // As ingress-nginx: a ConfigMap the flag names but that does not exist (yet) means no services.
            return [];
        }
        var services = new List<StreamServiceModel>();
        foreach (var entry in StreamServicesParser.Parse(key, found.Data, protocol, options.ReservedPorts, problems))
        {
            var (backend, fault) = resolver.ResolveStream(entry.Service, entry.ServicePort, protocol);
            if (backend is null)
            {
                problems.Add(new Problem(ObjectRef.ConfigMap(key), $"data[{entry.Port}]", ProblemSeverity.Warning, UnavailableReason,
                    $"{fault}; nginx does not listen on {StreamServicesParser.Name(protocol)} port {entry.Port} for now"));
                continue;
            }
            services.Add(new StreamServiceModel
            {
                Protocol = protocol,
                Port = entry.Port,
                Backend = backend,
                DecodeProxyProtocol = entry.DecodeProxyProtocol,
                EncodeProxyProtocol = entry.EncodeProxyProtocol,
                ConfigMap = key,
            });
        }
        return services;
    }
}
