using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Diagnostics;

/// <summary>
/// Something wrong with one object, as data. Stages return problems instead of throwing, so one bad
/// object is reported and excluded while the rest of the cluster keeps being served.
/// </summary>
/// <param name="Subject">The object the problem is about.</param>
/// <param name="Field">The field path inside the object, for example <c>spec.rules[0].host</c>; empty for the whole object.</param>
/// <param name="Reason">A short CamelCase reason, used as the Kubernetes Event reason.</param>
/// <param name="Message">What is wrong and what happens because of it.</param>
public sealed record Problem(ObjectRef Subject, string Field, ProblemSeverity Severity, string Reason, string Message)
{
    public override string ToString()
    {
        var where = Field.Length == 0 ? Subject.ToString() : $"{Subject} {Field}";
        return $"{Severity.ToString().ToLowerInvariant()}: {where}: {Message}";
    }
}
