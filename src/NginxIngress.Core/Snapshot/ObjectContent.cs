using System.Text.Json.Nodes;
using k8s;

namespace NginxIngress.Core.Snapshot;

/// <summary>
/// An object as the config sees it: its JSON without the fields that change while the config cannot
/// (resourceVersion, managedFields, status). Two objects with the same content render the same nginx.conf,
/// so a change between them is not worth a rebuild, and our own status writes never count as one.
/// </summary>
public static class ObjectContent
{
    public static string Of(object item)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject();
        node.Remove("status");
        if (node["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }
        return node.ToJsonString();
    }
}
