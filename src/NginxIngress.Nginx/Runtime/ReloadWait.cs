namespace NginxIngress.Nginx.Runtime;

/// <summary>What <see cref="ReloadGate"/> did before one reload.</summary>
/// <param name="Waited">How long the reload was held back; zero when it was not.</param>
/// <param name="GaveUp">The generations had not drained below the bound within the maximum wait; the reload went ahead anyway.</param>
/// <param name="Generations">The generations alive when the wait ended (before the reload); null when unknown.</param>
public readonly record struct ReloadWait(TimeSpan Waited, bool GaveUp, int? Generations);
