namespace NginxIngress.Controller.Diagnostics;

/// <summary>/healthz's answer: 200 when <paramref name="Healthy"/>, else 503, with <paramref name="Reason"/> as the body.</summary>
internal readonly record struct HealthVerdict(bool Healthy, string Reason);
