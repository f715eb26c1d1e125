using NginxIngress.Core.Diagnostics;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>Something wrong with a manifest file itself, before any object exists: it names the file and line.</summary>
public sealed record ManifestIssue(string File, int Line, ProblemSeverity Severity, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {File}:{Line}: {Message}";
}
