using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>The TCP and UDP services as the <c>stream {}</c> block's servers, each with an upstream of its own.</summary>
internal static class StreamTranslation
{
    public static StreamConfig Translate(EquatableArray<StreamServiceModel> services, NginxSettings settings)
    {
        if (services.Count == 0)
        {
            return StreamConfig.None;
        }
        return new StreamConfig
        {
            Servers = services.Select(service => new StreamServerConfig
            {
                // The same bind-address as the http listeners: a service is reachable where the Ingresses are.
                Listen = NginxConfigTranslator.Listen(settings.BindAddress, service.Port),
                Udp = service.Protocol == StreamProtocol.Udp,
                DecodeProxyProtocol = service.DecodeProxyProtocol,
                EncodeProxyProtocol = service.EncodeProxyProtocol,
                Upstream = NginxNames.StreamUpstream(service.Protocol, service.Port),
                Servers = service.Backend.Endpoints.Select(NginxConfigTranslator.FormatEndpoint).ToEquatableArray(),
                Description = $"{(service.Protocol == StreamProtocol.Tcp ? "tcp" : "udp")} {service.Port} ({service.ConfigMap} → {service.Backend.Ref})",
                ConfigMap = service.ConfigMap,
            }).ToEquatableArray(),
            AccessLog = settings.AccessLog,
        };
    }
}
