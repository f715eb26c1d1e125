using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// The continue token in the real server's shape (base64 of <c>{"v":"meta.k8s.io/v1","rv":N,"start":key}</c>):
/// the snapshot's resourceVersion and the key after which the next page starts. Clients must treat it as opaque.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = resourceVersion,
            ["start"] = lastKey + "\0",
        }.ToJsonString()));

    public static (long ResourceVersion, string AfterKey) Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Convert.FromBase64String(token))!;
            if ((string?)node["v"] != "meta.k8s.io/v1")
            {
                throw ApiStatusException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }
            var start = (string)node["start"]!;
            return ((long)node["rv"]!, start.TrimEnd('\0'));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiStatusException.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
