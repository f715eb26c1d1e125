using Microsoft.Extensions.Logging;
using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Puts a validated config live: skips an unchanged version, writes atomically (temp file, then rename,
/// so nginx never reads half a file), starts or reloads nginx, and verifies that nginx answers the new
/// version. If it does not, the previous file is restored so a later restart of nginx still finds the last
/// good config.
/// </summary>
public sealed partial class NginxApplier(string workDirectory, INginxProcess nginx, ConfigVersionProbe probe, ILogger<NginxApplier> logger)
{
    public static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(15);

    private string ConfigPath => Path.Combine(workDirectory, "nginx.conf");

    /// <summary>The version nginx was last verified to serve; null before the first apply or after nginx restarted.</summary>
    public string? AppliedVersion { get; private set; }

    /// <summary>Forget the verified version (nginx restarted), so the next apply verifies again.</summary>
    public void Invalidate() => AppliedVersion = null;

    public async Task<ApplyOutcome> ApplyAsync(RenderedConfig config, CancellationToken cancellationToken)
    {
        if (config.Version == AppliedVersion)
        {
            return ApplyOutcome.Unchanged;
        }

        Directory.CreateDirectory(workDirectory);
        var previous = File.Exists(ConfigPath) ? await File.ReadAllTextAsync(ConfigPath, cancellationToken) : null;
        await WriteAtomicallyAsync(config.Text, cancellationToken);
        if (nginx.IsRunning)
        {
            await nginx.ReloadAsync(cancellationToken);
        }
        else
        {
            await nginx.EnsureStartedAsync(cancellationToken);
        }

        if (await probe.WaitForVersionAsync(config.Version, VerifyTimeout, cancellationToken))
        {
            AppliedVersion = config.Version;
            LogApplied(logger, config.Version);
            return ApplyOutcome.Applied;
        }

        LogNotVerified(logger, config.Version, VerifyTimeout.TotalSeconds);
        if (previous is not null)
        {
            await WriteAtomicallyAsync(previous, cancellationToken);
            if (nginx.IsRunning)
            {
                await nginx.ReloadAsync(cancellationToken);
            }
        }
        return ApplyOutcome.Failed;
    }

    private async Task WriteAtomicallyAsync(string text, CancellationToken cancellationToken)
    {
        var temporary = ConfigPath + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, ConfigPath, overwrite: true);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "nginx serves config {Version}")]
    private static partial void LogApplied(ILogger logger, string version);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "nginx did not serve config {Version} within {Seconds} s; the previous config file was restored")]
    private static partial void LogNotVerified(ILogger logger, string version, double seconds);
}
