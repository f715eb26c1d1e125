namespace NginxIngress.Controller.Diagnostics;

/// <summary>
/// What <c>GET /healthz</c> answers, for the pod's readiness and liveness probes. It stays 503 until the first config
/// has been verified live, so a new pod takes no traffic before it routes the cluster's Ingresses. After that it is
/// 200 as long as nginx answers its status endpoint and the reconcile loop runs, whichever verified version nginx
/// serves: a reload, or a config that fails <c>nginx -t</c> or takes long to validate, must not pull the pod out of
/// its Service (or have liveness kill it) while nginx keeps serving the last good config.
/// </summary>
internal sealed class ControllerHealth
{
    private string? _desiredVersion;
    private string? _firstLive;

    /// <summary>The latest config that passed <c>nginx -t</c>; only named in /healthz's answer.</summary>
    public string? DesiredVersion
    {
        get => Volatile.Read(ref _desiredVersion);
        set => Volatile.Write(ref _desiredVersion, value);
    }

    /// <summary>The first config nginx was verified serving; null until then.</summary>
    public string? FirstLiveVersion => Volatile.Read(ref _firstLive);

    /// <summary>nginx was verified serving <paramref name="version"/>; the first call makes the controller ready.</summary>
    public void WentLive(string version) => Interlocked.CompareExchange(ref _firstLive, version, null);

    /// <summary>
    /// The answer, from what nginx answers on its status port now (<paramref name="served"/>, null when it does not
    /// answer) and whether the reconcile loop still runs. Any version counts once one was verified: nginx only ever
    /// loads a config this controller wrote after <c>nginx -t</c> passed, and during a reload old and new workers
    /// answer different versions.
    /// </summary>
    public HealthVerdict Assess(string? served, bool loopRunning) => (FirstLiveVersion, served, loopRunning) switch
    {
        (_, _, false) => new(false, "the reconcile loop has stopped"),
        (null, _, _) => new(false, DesiredVersion is { } desired
            ? $"no configuration is live yet (nginx serves {served ?? "nothing"}, waiting for {desired})"
            : "no configuration has been applied yet"),
        (_, null, _) => new(false, "nginx does not answer its status endpoint"),
        _ => new(true, "ok"),
    };
}
