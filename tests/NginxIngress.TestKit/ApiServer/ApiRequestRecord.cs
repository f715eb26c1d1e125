namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// One request the emulator answered, for tests to count: <paramref name="Verb"/> is the Kubernetes verb (get, list,
/// watch, create, update, patch, delete), <paramref name="Resource"/> the plural (null for an unknown path).
/// </summary>
public sealed record ApiRequestRecord(string Verb, string Method, string Path, string Query, string? Resource, string? Namespace, string? Name, string? Subresource, int StatusCode)
{
    /// <summary>The request target exactly as sent (path and query, still escaped).</summary>
    public string RawTarget { get; init; } = "";

    /// <summary>The Content-Type the client sent, if any: it decides how a PATCH body is read.</summary>
    public string? ContentType { get; init; }
}
