using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>The server's side of ObjectMeta: which fields it assigns, which a client may not change, and name rules.</summary>
internal static partial class ObjectMetadata
{
    public static JsonObject Of(JsonObject body)
    {
        if (body["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        var created = new JsonObject();
        body["metadata"] = created;
        return created;
    }

    /// <summary>The name, or one made from generateName with a random suffix, as the real server does.</summary>
    public static string AssignName(ApiResource resource, JsonObject metadata)
    {
        if ((string?)metadata["name"] is { Length: > 0 } name)
        {
            return name;
        }
        if ((string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
            var suffix = string.Concat(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
            metadata["name"] = prefix + suffix;
            return prefix + suffix;
        }
        throw ApiStatusException.Invalid(resource, "", "metadata.name: Required value: name or generateName is required");
    }

    public static void ValidateName(ApiResource resource, string name)
    {
        if (name.Length > 253 || !DnsSubdomain().IsMatch(name))
        {
            throw ApiStatusException.Invalid(resource, name,
                $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }
    }

    /// <summary>
    /// The object a write leaves behind: <paramref name="desired"/> within <paramref name="scope"/>, with the fields
    /// only the server owns (uid, creationTimestamp, generation, name, namespace) taken from <paramref name="current"/>.
    /// </summary>
    public static JsonObject Merge(ApiResource resource, JsonObject current, JsonObject desired, WriteScope scope)
    {
        if (scope == WriteScope.Status)
        {
            SetOrRemove(current, "status", desired["status"]);
            return current;
        }
        var currentMetadata = Of(current);
        var metadata = Of(desired);
        desired["apiVersion"] = resource.ApiVersion;
        desired["kind"] = resource.Kind;
        foreach (var owned in new[] { "name", "namespace", "uid", "creationTimestamp", "resourceVersion", "generation" })
        {
            SetOrRemove(metadata, owned, currentMetadata[owned]);
        }
        if (currentMetadata["generation"] is JsonValue generation && !JsonNode.DeepEquals(current["spec"], desired["spec"]))
        {
            // Only a spec change moves generation, so observedGeneration-style checks can tell status writes apart.
            metadata["generation"] = generation.GetValue<long>() + 1;
        }
        if (scope == WriteScope.Main && resource.HasStatus)
        {
            SetOrRemove(desired, "status", current["status"]);
        }
        return desired;
    }

    private static void SetOrRemove(JsonObject target, string property, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(property);
        }
        else
        {
            target[property] = value.DeepClone();
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
