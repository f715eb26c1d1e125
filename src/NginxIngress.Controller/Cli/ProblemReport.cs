using System.Collections.Immutable;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;

namespace NginxIngress.Controller.Cli;

/// <summary>Prints problems one per line, each naming the manifest file and line the object came from.</summary>
internal static class ProblemReport
{
    public static string Format(Problem problem, IReadOnlyDictionary<ObjectRef, string> origins)
    {
        var where = origins.TryGetValue(problem.Subject, out var origin) ? $"{origin}: " : "";
        var field = problem.Field.Length == 0 ? "" : $" {problem.Field}";
        return $"{problem.Severity.ToString().ToLowerInvariant()}: {where}{problem.Subject}{field}: {problem.Message}";
    }

    public static void Write(TextWriter writer, ImmutableArray<ManifestIssue> issues, IEnumerable<Problem> problems, IReadOnlyDictionary<ObjectRef, string> origins)
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
