namespace NginxIngress.Nginx.Runtime;

/// <summary>The worker generations of one nginx master at one moment.</summary>
/// <param name="Alive">Generations with at least one worker: the current one plus those still draining after reloads.</param>
/// <param name="Draining">Of those, the ones whose every worker is shutting down (left behind by a reload).</param>
/// <param name="Workers">Worker processes counted, of every generation.</param>
public readonly record struct WorkerGenerationCount(int Alive, int Draining, int Workers);
