using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// One object version as the store keeps it: immutable serialized bytes, so lists, watches and snapshots can share
/// it across threads without copying. <see cref="ItemJson"/> lacks apiVersion and kind, as items of a real list do.
/// </summary>
internal sealed class StoredObject
{
    private StoredObject(ApiResource resource, string ns, string name, long resourceVersion, string uid, byte[] json, byte[] itemJson, IReadOnlyDictionary<string, string> labels)
    {
        Resource = resource;
        Namespace = ns;
        Name = name;
        ResourceVersion = resourceVersion;
        Uid = uid;
        Json = json;
        ItemJson = itemJson;
        Labels = labels;
    }

    public ApiResource Resource { get; }

    /// <summary>Empty for cluster-scoped resources.</summary>
    public string Namespace { get; }

    public string Name { get; }

    public long ResourceVersion { get; }

    public string Uid { get; }

    public byte[] Json { get; }

    public byte[] ItemJson { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The store's key; ordinal order of keys is list order, as etcd's key order is for the real server.</summary>
    public string Key => StoreKey(Namespace, Name);

    public static string StoreKey(string ns, string name) => $"{ns}/{name}";

    /// <summary>Freezes <paramref name="node"/>, which must already carry apiVersion, kind and all server-set metadata.</summary>
    public static StoredObject Freeze(ApiResource resource, JsonObject node)
    {
        var metadata = node["metadata"]!.AsObject();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["labels"] is JsonObject labelNode)
        {
            foreach (var (key, value) in labelNode)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }
        var item = node.DeepClone().AsObject();
        item.Remove("apiVersion");
        item.Remove("kind");
        return new StoredObject(
            resource,
            (string?)metadata["namespace"] ?? "",
            (string)metadata["name"]!,
            long.Parse((string)metadata["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture),
            (string?)metadata["uid"] ?? "",
            System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()),
            System.Text.Encoding.UTF8.GetBytes(item.ToJsonString()),
            labels);
    }

    /// <summary>A private, mutable copy for a write to start from.</summary>
    public JsonObject Thaw() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>The same object as a DELETED event shows it: the deletion's resourceVersion stamped on the last state.</summary>
    public StoredObject WithResourceVersion(long resourceVersion)
    {
        var node = Thaw();
        node["metadata"]!["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Freeze(Resource, node);
    }
}
