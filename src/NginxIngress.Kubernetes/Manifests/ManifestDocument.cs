using System.Text.Json.Nodes;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>One YAML document of a manifest file, as JSON, with where it starts.</summary>
public sealed record ManifestDocument(string File, int Line, JsonObject Body)
{
    public string ApiVersion => (string?)Body["apiVersion"] ?? "";

    public string Kind => (string?)Body["kind"] ?? "";

    public string Location => $"{File}:{Line}";
}
