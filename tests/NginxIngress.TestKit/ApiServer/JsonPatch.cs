using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, with RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        JsonNode root = target;
        foreach (var operation in operations)
        {
            var op = (string?)operation?["op"] ?? throw Invalid("missing op");
            var path = (string?)operation!["path"] ?? throw Invalid("missing path");
            switch (op)
            {
                case "add":
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                {
                    var from = (string?)operation["from"] ?? throw Invalid("missing from");
                    var value = Remove(root, from);
                    Add(root, path, value);
                    break;
                }
                case "copy":
                {
                    var from = (string?)operation["from"] ?? throw Invalid("missing from");
                    Add(root, path, Resolve(root, from)?.DeepClone());
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(root, path), operation["value"]))
                    {
                        throw new ApiStatusException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }
                    break;
                default:
                    throw Invalid($"Unexpected kind: {op}");
            }
        }
        return root.AsObject();
    }

    private static void Add(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array:
                array.Insert(Index(array, last, allowEnd: true), value);
                break;
            default:
                throw Invalid($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
            {
                var value = obj[last];
                obj.Remove(last);
                return value;
            }
            case JsonArray array:
            {
                var index = Index(array, last, allowEnd: false);
                var value = array[index];
                array.RemoveAt(index);
                return value;
            }
            default:
                throw Invalid($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Resolve(JsonNode root, string path)
    {
        if (path.Length == 0)
        {
            return root;
        }
        var (parent, last) = Parent(root, path);
        return parent switch
        {
            JsonObject obj => obj[last],
            JsonArray array => array[Index(array, last, allowEnd: false)],
            _ => null,
        };
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode root, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw Invalid($"JSON pointer must start with '/': \"{path}\"");
        }
        var segments = path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        foreach (var segment in segments[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array => array[Index(array, segment, allowEnd: false)],
                _ => null,
            };
        }
        return (node, segments[^1]);
    }

    private static int Index(JsonArray array, string segment, bool allowEnd)
    {
        if (!int.TryParse(segment, out var index) || index < 0 || index > array.Count || (!allowEnd && index == array.Count))
        {
            throw Invalid($"index out of range: {segment}");
        }
        return index;
    }

    private static ApiStatusException Invalid(string message) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");
}
