namespace NginxIngress.Controller.Diagnostics;

/// <summary>
/// What the controller wants nginx to serve: the version of the latest candidate that passed <c>nginx -t</c>.
/// /healthz compares it with what nginx answers, so readiness means "nginx serves the current config".
/// </summary>
internal sealed class ControllerHealth
{
    private string? _desiredVersion;

    public string? DesiredVersion
    {
        get => Volatile.Read(ref _desiredVersion);
        set => Volatile.Write(ref _desiredVersion, value);
    }
}
