using System.Text.Json;
using System.Text.Json.Serialization;

namespace NginxIngress.TestKit.Backends;

/// <summary>
/// What an <see cref="EchoBackend"/> saw, in the conformance echoserver's JSON shape:
/// <c>{path, host, method, proto, headers, namespace, ingress, service, pod}</c>.
/// </summary>
public sealed record EchoResponse
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The request-URI exactly as it arrived (path and query), before any decoding.</summary>
    public required string Path { get; init; }

    /// <summary>The Host header as it arrived; empty when there was none.</summary>
    public required string Host { get; init; }

    public required string Method { get; init; }

    /// <summary>For example <c>HTTP/1.1</c>.</summary>
    public required string Proto { get; init; }

    /// <summary>Every request header, names as received (Kestrel canonicalises the well-known ones).</summary>
    public required IReadOnlyDictionary<string, string[]> Headers { get; init; }

    public required string Namespace { get; init; }

    public required string Service { get; init; }

    public required string Pod { get; init; }

    /// <summary>The values of a header, looked up case-insensitively as HTTP requires; null when absent.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } values
            ? string.Join(", ", values)
            : null;

    /// <summary>Parses a response body; null when it is not an echo (for example nginx's own error page).</summary>
    public static EchoResponse? TryParse(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<EchoResponse>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
