namespace NginxIngress.Core.Diagnostics;

public enum ProblemSeverity
{
    /// <summary>The object is served, but not quite as written (a legacy API, a missing Service).</summary>
    Warning,

    /// <summary>The object, or the part of it named by the field, is not served.</summary>
    Error,
}
