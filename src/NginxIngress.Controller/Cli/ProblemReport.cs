using System.Collections.Immutable;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Controller.Cli;

/// <summary>Prints problems one per line, each naming the manifest file and line the object came from.</summary>
internal static class ProblemReport
{
    public static string Format(Problem problem, IObjectOrigins origins)
    {
        var where = origins.Of(problem.Subject) is { } origin ? $"{origin}: " : "";
        var field = problem.Field.Length == 0 ? "" : $" {problem.Field}";
        return $"{problem.Severity.ToString().ToLowerInvariant()}: {where}{problem.Subject}{field}: {problem.Message}";
    }

    public static void Write(TextWriter writer, ImmutableArray<ManifestIssue> issues, IEnumerable<Problem> problems, IObjectOrigins origins)
    {
        foreach (var issue in issues)
        {
            writer.WriteLine(issue.ToString());
        }
        foreach (var problem in problems)
        {
            writer.WriteLine(Format(problem, origins));
        }
    }
}
