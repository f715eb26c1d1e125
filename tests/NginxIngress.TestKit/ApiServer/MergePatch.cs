using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// RFC 7386 JSON merge patch. The emulator also applies strategic merge patches this way: that differs from the real
/// server only for lists with merge keys (containers, ports, conditions), which a strategic patch merges by key.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Apply(result[key]?.DeepClone(), value);
                result[key] = merged;
            }
        }
        return result;
    }
}
