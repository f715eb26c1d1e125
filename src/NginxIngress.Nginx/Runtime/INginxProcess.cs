namespace NginxIngress.Nginx.Runtime;

/// <summary>The nginx that serves traffic: a supervised child process here, a signalled sidecar later.</summary>
public interface INginxProcess
{
    bool IsRunning { get; }

    /// <summary>Starts nginx on the config already written to disk, if it is not running.</summary>
    Task EnsureStartedAsync(CancellationToken cancellationToken);

    /// <summary>Asks the running nginx to load the config on disk (SIGHUP); old workers drain.</summary>
    Task ReloadAsync(CancellationToken cancellationToken);
}
