namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The nginx that serves traffic: a supervised child process (<see cref="NginxChildProcess"/>) or the nginx of a
/// sidecar container that is only signalled (<see cref="ExternalNginx"/>). The reconcile loop does not know which.
/// </summary>
public interface INginxProcess
{
    bool IsRunning { get; }

    /// <summary>The nginx master's pid as this process sees it, or null when none runs or it is not visible here.</summary>
    int? MasterProcessId { get; }

    /// <summary>A new nginx master serves now (it died and was started again): whatever it loaded must be verified anew.</summary>
    event Action? Restarted;

    /// <summary>Starts nginx on the config already written to disk, if it is not running.</summary>
    Task EnsureStartedAsync(CancellationToken cancellationToken);

    /// <summary>Asks the running nginx to load the config on disk (SIGHUP); old workers drain.</summary>
    Task ReloadAsync(CancellationToken cancellationToken);
}
