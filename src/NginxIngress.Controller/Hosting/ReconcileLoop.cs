using System.Collections.Immutable;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NginxIngress.Controller.Cli;
using NginxIngress.Controller.Diagnostics;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Kubernetes.Store;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Controller.Hosting;

/// <summary>
/// The controller's heartbeat: on each coalesced change, capture a snapshot, run the pure stages, validate
/// with <c>nginx -t</c>, and apply. Reconciles run one at a time, so only one reload is ever in flight. An
/// Ingress whose config nginx rejects is excluded by name and the rest goes live; until it changes, it
/// stays excluded without costing another <c>nginx -t</c>.
/// </summary>
internal sealed partial class ReconcileLoop(
    ObjectStore store,
    ReconcileSignal signal,
    INginxValidator validator,
    NginxApplier applier,
    ControllerHealth health,
    RunSettings settings,
    ManifestDirectoryWatcher manifests,
    ILogger<ReconcileLoop> logger) : BackgroundService
{
    /// <summary>How many Ingresses one reconcile may exclude before it gives up and keeps the last good config.</summary>
    private const int MaxExclusionsPerReconcile = 16;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<ObjectKey, (string Fingerprint, Problem Problem)> _rejected = [];
    private ImmutableArray<Problem> _reported = [];

    /// <summary>Configs verified live since start.</summary>
    public int Reloads { get; private set; }

    /// <summary>Reconciles that rendered exactly what nginx already serves, so nothing was reloaded.</summary>
    public int Unchanged { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.Changed += signal.Notify;
        if (store.IsSynced)
        {
            signal.Notify();
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(stoppingToken);
            try
            {
                if (!await ReconcileOnceAsync(stoppingToken))
                {
                    // nginx did not come to serve the config (it is restarting, or a reload did not take):
                    // try the same again shortly, whether or not anything else changes meanwhile.
                    await Task.Delay(RetryDelay, stoppingToken);
                    signal.Notify();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug, not bad input: keep the last good config, and try again.
                LogReconcileFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                signal.Notify();
            }
        }
    }

    /// <summary>Returns false when the config was valid but nginx was not seen serving it, so it should be tried again.</summary>
    private async Task<bool> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Capture();
        ForgetChangedRejections(snapshot);

        for (var attempt = 0; attempt <= MaxExclusionsPerReconcile; attempt++)
        {
            var result = ConfigPipeline.Run(snapshot, settings.Controller, settings.Nginx, _rejected.Keys.ToHashSet());
            Report(result.Problems.AddRange(_rejected.Values.Select(entry => entry.Problem)));
            if (result.Rendered.Version == applier.AppliedVersion)
            {
                health.DesiredVersion = result.Rendered.Version;
                Unchanged++;
                return true;
            }

            var validation = await validator.ValidateAsync(result.Rendered, cancellationToken);
            if (validation.IsValid)
            {
                health.DesiredVersion = result.Rendered.Version;
                if (await applier.ApplyAsync(result.Rendered, cancellationToken) != ApplyOutcome.Applied)
                {
                    return false;
                }
                Reloads++;
                return true;
            }

            var culprits = (validation.Line is { } line ? ValidationAttribution.Culprits(result.Rendered.Text, line, result.Config) : new HashSet<ObjectKey>())
                .Where(culprit => snapshot.Ingresses.ContainsKey(culprit) && !_rejected.ContainsKey(culprit))
                .ToList();
            if (culprits.Count == 0)
            {
                LogUnattributable(logger, validation.Message);
                return true;
            }
            foreach (var culprit in culprits)
            {
                var problem = new Problem(ObjectRef.Ingress(culprit), "", ProblemSeverity.Error, "RejectedByNginx",
                    $"nginx rejects the configuration this Ingress produces ({validation.Message}); the Ingress is excluded and everything else is served");
                _rejected[culprit] = (Fingerprint(snapshot.Ingresses[culprit]), problem);
            }
        }
        LogTooManyRejections(logger, MaxExclusionsPerReconcile);
        return true;
    }

    /// <summary>An excluded Ingress gets another chance as soon as it changes (or is deleted).</summary>
    private void ForgetChangedRejections(ClusterSnapshot snapshot)
    {
        foreach (var (key, entry) in _rejected.ToList())
        {
            if (!snapshot.Ingresses.TryGetValue(key, out var ingress) || Fingerprint(ingress) != entry.Fingerprint)
            {
                _rejected.Remove(key);
            }
        }
    }

    private static string Fingerprint(k8s.Models.V1Ingress ingress) => KubernetesJson.Serialize(ingress);

    /// <summary>Logs problems when they change, not on every reconcile, so the log shows news.</summary>
    private void Report(ImmutableArray<Problem> problems)
    {
        if (problems.SequenceEqual(_reported))
        {
            return;
        }
        _reported = problems;
        var origins = manifests.Latest?.Origins ?? ImmutableDictionary<ObjectRef, string>.Empty;
        foreach (var problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                LogProblemError(logger, problem.Reason, ProblemReport.Format(problem, origins));
            }
            else
            {
                LogProblemWarning(logger, problem.Reason, ProblemReport.Format(problem, origins));
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "reconcile failed; the last good config keeps serving")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "nginx rejects the candidate config and the cause cannot be traced to one Ingress; the last good config keeps serving: {NginxMessage}")]
    private static partial void LogUnattributable(ILogger logger, string nginxMessage);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "more than {Count} Ingresses were rejected by nginx in one reconcile; the last good config keeps serving")]
    private static partial void LogTooManyRejections(ILogger logger, int count);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "{Reason}: {Problem}")]
    private static partial void LogProblemError(ILogger logger, string reason, string problem);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "{Reason}: {Problem}")]
    private static partial void LogProblemWarning(ILogger logger, string reason, string problem);
}
