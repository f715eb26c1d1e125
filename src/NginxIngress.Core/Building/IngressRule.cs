namespace NginxIngress.Core.Building;

/// <summary>One rule with a validated host; <c>_</c> stands for a rule without a host.</summary>
internal sealed record IngressRule(string Host, IReadOnlyList<IngressPath> Paths);
