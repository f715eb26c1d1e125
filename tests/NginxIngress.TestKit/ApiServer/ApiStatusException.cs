using System.Text.Json.Nodes;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// A request failed the way the real API server fails it: an HTTP code plus a <c>Status</c> body with a reason
/// (k8s.io/apimachinery/pkg/api/errors). Thrown by the store and the handlers, turned into a response in one place.
/// </summary>
internal sealed class ApiStatusException(int code, string reason, string message, ApiResource? resource = null, string? name = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public int? RetryAfterSeconds { get; init; }

    public static ApiStatusException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", resource, name);

    public static ApiStatusException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", resource, name);

    public static ApiStatusException Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", resource, name);

    public static ApiStatusException Invalid(ApiResource resource, string name, string detail) =>
        new(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {detail}", resource, name);

    public static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>The watch cache's wording, which client-go matches on to decide to relist.</summary>
    public static ApiStatusException TooOldResourceVersion(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static ApiStatusException ExpiredContinue() =>
        new(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }
        if (resource is not null)
        {
            details["group"] = resource.Group;
            details["kind"] = resource.Plural;
        }
        if (RetryAfterSeconds is { } retry)
        {
            details["retryAfterSeconds"] = retry;
        }
        if (details.Count > 0)
        {
            status["details"] = details;
        }
        status["code"] = Code;
        return status;
    }
}
