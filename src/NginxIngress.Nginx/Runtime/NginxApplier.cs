using Microsoft.Extensions.Logging;
using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Puts a validated config bundle live: skips an unchanged version, writes each file and then nginx.conf
/// atomically (<see cref="BundleWriter"/>: temp file, then rename, so nginx never reads half a file), starts or
/// reloads nginx, and verifies that nginx answers the new version. If it does not (a config can pass
/// <c>nginx -t</c> and still fail to load, for example on a port in use), the last good bundle is written back and
/// reloaded, and that rollback is verified the same way, so a later restart of nginx finds a config that works.
/// The last good nginx.conf waits for a rollback on disk, not in memory (at 10k Ingresses it is 31 MB of text): each
/// write of a new one keeps the one it replaces under <see cref="LastGoodFile"/>, a hard link rather than a copy.
/// Once a bundle is verified, files of earlier bundles that it does not name (a deleted Secret's key) are removed.
/// A reload first passes the <see cref="ReloadGate"/>, if any, which holds it back while too many worker
/// generations are still draining.
/// </summary>
public sealed partial class NginxApplier(string workDirectory, INginxProcess nginx, ConfigVersionProbe probe, ILogger<NginxApplier> logger, TimeSpan? verifyTimeout = null,
    ReloadGate? reloadGate = null)
{
    public static readonly TimeSpan DefaultVerifyTimeout = TimeSpan.FromSeconds(15);

    private readonly TimeSpan _verifyTimeout = verifyTimeout ?? DefaultVerifyTimeout;

    /// <summary>Beside nginx.conf: the last one nginx was verified to serve, while a newer one is being tried.</summary>
    public const string LastGoodFile = "nginx.conf.last-good";

    /// <summary>The last bundle nginx was verified to serve, less its nginx.conf (on disk): what a failed apply rolls back to, certificates included.</summary>
    private LastGoodBundle? _lastGood;

    /// <summary>Whether nginx.conf on disk is the last good one, so writing a new one must keep it as <see cref="LastGoodFile"/>.</summary>
    private bool _liveFileIsLastGood;

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
        var keepLastGood = _liveFileIsLastGood ? Path.Combine(workDirectory, LastGoodFile) : null;
        _liveFileIsLastGood = false;
        if (await LoadAsync(config.Version, config.Text.Length, () => BundleWriter.WriteAsync(workDirectory, config, cancellationToken, keepLastGood), cancellationToken))
        {
            _lastGood = new LastGoodBundle(config.Version, config.Text.Length, config.Files);
            _liveFileIsLastGood = true;
            File.Delete(Path.Combine(workDirectory, LastGoodFile));
            BundleWriter.RemoveStale(workDirectory, config);
            LogApplied(logger, config.Version);
            return ApplyOutcome.Applied;
        }

        AppliedVersion = null;
        if (_lastGood is not { } lastGood)
        {
            LogNotVerified(logger, config.Version, VerifyTimeout(_verifyTimeout, config.Text.Length).TotalSeconds);
            return ApplyOutcome.Failed;
        }
        LogRollingBack(logger, config.Version, VerifyTimeout(_verifyTimeout, config.Text.Length).TotalSeconds, lastGood.Version);
        if (await LoadAsync(lastGood.Version, lastGood.TextLength, () => RestoreAsync(lastGood, cancellationToken), cancellationToken))
        {
            LogRolledBack(logger, lastGood.Version);
            return ApplyOutcome.RolledBack;
        }
        LogRollbackNotVerified(logger, lastGood.Version);
        return ApplyOutcome.Failed;
    }

    /// <summary>Writes the bundle of <paramref name="version"/>, has nginx load it, and returns whether nginx was seen serving it.</summary>
    private async Task<bool> LoadAsync(string version, int textLength, Func<Task> write, CancellationToken cancellationToken)
    {
        await write();
        try
        {
            if (nginx.IsRunning)
            {
                if (reloadGate is not null)
                {
                    await reloadGate.WaitAsync(cancellationToken);
                }
                await nginx.ReloadAsync(cancellationToken);
            }
            else
            {
                await nginx.EnsureStartedAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // nginx died under the reload, or could not be started: whatever its supervisor starts next reads the
            // file just written, so the version probe below is still the judge.
            LogSignalFailed(logger, e.Message);
        }
        if (!await probe.WaitForVersionAsync(version, VerifyTimeout(_verifyTimeout, textLength), cancellationToken))
        {
            return false;
        }
        AppliedVersion = version;
        return true;
    }

    /// <summary>The last good bundle back in place: its files, then its nginx.conf renamed over the one that failed.</summary>
    private async Task RestoreAsync(LastGoodBundle lastGood, CancellationToken cancellationToken)
    {
        await BundleWriter.WriteFilesAsync(workDirectory, lastGood.Files, cancellationToken);
        var kept = Path.Combine(workDirectory, LastGoodFile);
        if (File.Exists(kept))
        {
            File.Move(kept, Path.Combine(workDirectory, "nginx.conf"), overwrite: true);
            _liveFileIsLastGood = true;
        }
    }

    /// <param name="TextLength">Its nginx.conf's length, which sets how long nginx may take to load it.</param>
    private sealed record LastGoodBundle(string Version, int TextLength, Core.Collections.EquatableArray<Config.BundleFile> Files);

    /// <summary>
    /// How long to wait for nginx to serve a config. nginx parses the whole config before its new workers answer:
    /// about 0.35 s per million characters on a quiet 2-core machine (make bench), several times that under load. A
    /// fixed wait that suits a small cluster would mistake a slow parse at 10k Ingresses (15.8 million characters) for
    /// a config nginx refused and roll it back, so the wait grows by a second per million characters.
    /// </summary>
    internal static TimeSpan VerifyTimeout(TimeSpan baseTimeout, int configChars) => baseTimeout + TimeSpan.FromSeconds(configChars / 1_000_000.0);

    [LoggerMessage(EventId = 115, Level = LogLevel.Debug, Message = "nginx could not be reloaded or started: {Reason}")]
    private static partial void LogSignalFailed(ILogger logger, string reason);

    /// <summary>Debug: the reconcile loop logs the same moment with where its time went.</summary>
    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "nginx serves config {Version}")]
    private static partial void LogApplied(ILogger logger, string version);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "nginx did not serve config {Version} within {Seconds} s, and no earlier config was verified to roll back to")]
    private static partial void LogNotVerified(ILogger logger, string version, double seconds);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "nginx did not serve config {Version} within {Seconds} s; rolling back to {LastGood}")]
    private static partial void LogRollingBack(ILogger logger, string version, double seconds, string lastGood);

    [LoggerMessage(EventId = 113, Level = LogLevel.Debug, Message = "rolled back: nginx serves config {Version} again")]
    private static partial void LogRolledBack(ILogger logger, string version);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "the rollback to config {Version} was not verified either; nginx's state is unknown until the next apply")]
    private static partial void LogRollbackNotVerified(ILogger logger, string version);
}
