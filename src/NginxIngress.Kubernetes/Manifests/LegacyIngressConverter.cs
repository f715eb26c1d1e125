using System.Text.Json.Nodes;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>
/// Converts an <c>extensions/v1beta1</c> or <c>networking.k8s.io/v1beta1</c> Ingress to <c>networking.k8s.io/v1</c>
/// the way the API server did: <c>spec.backend</c> becomes <c>spec.defaultBackend</c>,
/// <c>serviceName</c>/<c>servicePort</c> become <c>service.name</c>/<c>service.port.number|name</c>, and a path
/// without a pathType is ImplementationSpecific.
/// </summary>
public static class LegacyIngressConverter
{
    public const string CurrentApiVersion = "networking.k8s.io/v1";

    public static bool IsLegacy(string apiVersion) => apiVersion is "extensions/v1beta1" or "networking.k8s.io/v1beta1";

    public static JsonObject Convert(JsonObject legacy)
    {
        var ingress = (JsonObject)legacy.DeepClone();
        ingress["apiVersion"] = CurrentApiVersion;
        if (ingress["spec"] is not JsonObject spec)
        {
            return ingress;
        }
        if (spec["backend"] is JsonObject backend)
        {
            spec.Remove("backend");
            spec["defaultBackend"] = ConvertBackend(backend);
        }
        foreach (var rule in spec["rules"] as JsonArray ?? [])
        {
            foreach (var path in rule?["http"]?["paths"] as JsonArray ?? [])
            {
                if (path is not JsonObject pathObject)
                {
                    continue;
                }
                pathObject["pathType"] ??= "ImplementationSpecific";
                if (pathObject["backend"] is JsonObject pathBackend)
                {
                    pathObject["backend"] = ConvertBackend(pathBackend);
                }
            }
        }
        return ingress;
    }

    private static JsonObject ConvertBackend(JsonObject backend)
    {
        if (backend["resource"] is JsonNode resource)
        {
            return new JsonObject { ["resource"] = resource.DeepClone() };
        }
        var port = backend["servicePort"] switch
        {
            JsonValue value when value.TryGetValue<long>(out var number) => new JsonObject { ["number"] = number },
            JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, out var number) => new JsonObject { ["number"] = number },
            JsonValue value when value.TryGetValue<string>(out var name) => new JsonObject { ["name"] = name },
            _ => new JsonObject(),
        };
        return new JsonObject
        {
            ["service"] = new JsonObject
            {
                ["name"] = backend["serviceName"]?.DeepClone(),
                ["port"] = port,
            },
        };
    }
}
