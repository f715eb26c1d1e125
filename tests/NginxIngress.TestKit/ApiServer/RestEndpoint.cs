using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>The request/response verbs (get, list, create, update, patch, delete) over the store.</summary>
internal sealed class RestEndpoint(VersionedObjectStore store)
{
    public Task GetAsync(HttpContext context, ApiRoute route)
    {
        var stored = store.Get(route.Resource, route.StoreNamespace, route.Name!) ?? throw ApiStatusException.NotFound(route.Resource, route.Name!);
        return WriteAsync(context, StatusCodes.Status200OK, stored.Json);
    }

    public Task ListAsync(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        var filter = ObjectFilter.Create(route.Resource, route.Namespace, query["labelSelector"], query["fieldSelector"]);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var page = store.List(filter, limit, query["continue"], query["resourceVersion"]);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", route.Resource.ListKind);
            writer.WriteString("apiVersion", route.Resource.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (page.Continue is not null)
            {
                writer.WriteString("continue", page.Continue);
            }
            if (page.RemainingItemCount is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                // Items of a real list carry no apiVersion or kind: the list's own say what they are.
                writer.WriteRawValue(item.ItemJson, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return WriteAsync(context, StatusCodes.Status200OK, buffer.ToArray());
    }

    public async Task CreateAsync(HttpContext context, ApiRoute route)
    {
        var body = await ReadObjectAsync(context, route);
        var metadata = ObjectMetadata.Of(body);
        if (!string.IsNullOrEmpty((string?)metadata["resourceVersion"]))
        {
            throw ApiStatusException.BadRequest("resourceVersion should not be set on objects to be created");
        }
        var stored = store.Create(route.Resource, route.StoreNamespace, body, resetStatus: true);
        await WriteAsync(context, StatusCodes.Status201Created, stored.Json);
    }

    public async Task ReplaceAsync(HttpContext context, ApiRoute route)
    {
        var body = await ReadObjectAsync(context, route);
        var bodyName = (string?)ObjectMetadata.Of(body)["name"];
        if (bodyName != route.Name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        }
        var stored = store.Update(route.Resource, route.StoreNamespace, route.Name!, _ => body, Scope(route));
        await WriteAsync(context, StatusCodes.Status200OK, stored.Json);
    }

    public async Task PatchAsync(HttpContext context, ApiRoute route)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var patch = await ReadJsonAsync(context);
        Func<JsonObject, JsonObject> write = mediaType switch
        {
            "application/merge-patch+json" or "application/strategic-merge-patch+json" when patch is JsonObject =>
                current => MergePatch.Apply(current, patch)!.AsObject(),
            "application/json-patch+json" when patch is JsonArray operations =>
                current => JsonPatch.Apply(current, operations),
            "application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/json-patch+json" =>
                throw ApiStatusException.BadRequest($"the body of the request was in an unknown format for {mediaType}"),
            _ => throw new ApiStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {mediaType})"),
        };
        var stored = store.Update(route.Resource, route.StoreNamespace, route.Name!, write, Scope(route));
        await WriteAsync(context, StatusCodes.Status200OK, stored.Json);
    }

    public async Task DeleteAsync(HttpContext context, ApiRoute route)
    {
        var options = await ReadJsonAsync(context, allowEmpty: true);
        var preconditions = options?["preconditions"];
        var deleted = store.Delete(route.Resource, route.StoreNamespace, route.Name!, (string?)preconditions?["resourceVersion"], (string?)preconditions?["uid"]);
        // Without finalizers the generic registry answers a delete with a Success Status, not the object.
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new JsonObject
            {
                ["name"] = deleted.Name,
                ["group"] = route.Resource.Group,
                ["kind"] = route.Resource.Plural,
                ["uid"] = deleted.Uid,
            },
        };
        await WriteAsync(context, StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(status));
    }

    public static async Task WriteAsync(HttpContext context, int statusCode, byte[] body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static WriteScope Scope(ApiRoute route) => route.Subresource == "status" ? WriteScope.Status : WriteScope.Main;

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, ApiRoute route)
    {
        if (await ReadJsonAsync(context) is not JsonObject body)
        {
            throw ApiStatusException.BadRequest("the body of the request was not a JSON object");
        }
        // The real decoder fills a missing apiVersion/kind from the URL and refuses a different one.
        var apiVersion = (string?)body["apiVersion"];
        var kind = (string?)body["kind"];
        if ((apiVersion is { Length: > 0 } && apiVersion != route.Resource.ApiVersion) || (kind is { Length: > 0 } && kind != route.Resource.Kind))
        {
            throw ApiStatusException.BadRequest($"the API version in the data ({apiVersion}) or kind ({kind}) does not match the expected {route.Resource.ApiVersion} {route.Resource.Kind}");
        }
        var bodyNamespace = (string?)ObjectMetadata.Of(body)["namespace"];
        if (route.Resource.Namespaced && bodyNamespace is { Length: > 0 } && bodyNamespace != route.Namespace)
        {
            throw ApiStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        return body;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context, bool allowEmpty = false)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text) && allowEmpty)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiStatusException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }
}
