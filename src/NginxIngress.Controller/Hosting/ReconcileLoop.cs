using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NginxIngress.Controller.Cli;
using NginxIngress.Controller.Diagnostics;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;
using NginxIngress.Kubernetes.Store;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Controller.Hosting;

/// <summary>
/// The controller's heartbeat: on each coalesced change, capture a snapshot, run the pure stages, validate
/// with <c>nginx -t</c> (leaving out exactly the Ingresses nginx rejects; only what changed since the config
/// nginx last served is checked, see <see cref="ValidationScope"/>), and apply. Reconciles run one at a
/// time, so only one reload is ever in flight. A rejected Ingress stays out, without costing another
/// <c>nginx -t</c>, until it or an object it names changes. A config that fails to load, or an <c>nginx -t</c> that
/// times out, is retried with exponential backoff and reported once per change.
/// </summary>
internal sealed partial class ReconcileLoop(
    ObjectStore store,
    ReconcileSignal signal,
    IsolatingValidator validator,
    NginxApplier applier,
    ControllerHealth health,
    Diagnostics.ControllerMetrics metrics,
    RunSettings settings,
    IObjectOrigins origins,
    TimeProvider time,
    ILogger<ReconcileLoop> logger,
    IEventRecorder? events = null) : BackgroundService
{
    /// <summary>Stands for "the reconcile itself threw" in <see cref="_errorBackoff"/>, which is keyed like the config backoff.</summary>
    private const string ReconcileErrorKey = "reconcile-error";

    private readonly Dictionary<ObjectKey, (string Fingerprint, Problem Problem)> _rejected = [];

    /// <summary>Secrets whose certificate nginx refused, with the Secret's content then and nginx's message.</summary>
    private readonly Dictionary<ObjectKey, (string Fingerprint, string Message)> _refusedCertificates = [];
    private readonly RetryBackoff _backoff = new();

    /// <summary>Apart from <see cref="_backoff"/>, so a bug and a failing config do not take turns being "a new failure".</summary>
    private readonly RetryBackoff _errorBackoff = new();
    private readonly object _statsLock = new();
    private ImmutableArray<Problem> _reported = [];
    private ClusterSnapshot? _lastLive;

    /// <summary>The config nginx was last verified to serve: what <see cref="ValidationScope"/> narrows nginx -t against. Null after a failed apply, so the next try is checked in full.</summary>
    private Nginx.Config.NginxConfig? _verified;
    private string? _unattributableReported;

    /// <summary>The length of the config the running reconcile rendered: whether its garbage is worth a compacting collection.</summary>
    private int _renderedChars;
    private CancellationToken _stopping;

    /// <summary>Configs verified live since start, and the latest of them; read together, so a test sees a consistent pair.</summary>
    public (int Count, string? Version) Reloads
    {
        get
        {
            lock (_statsLock)
            {
                return field;
            }
        }
        private set
        {
            lock (_statsLock)
            {
                field = value;
            }
        }
    }

    /// <summary>The problems last reported (logged, and written as Events in API mode).</summary>
    public ImmutableArray<Problem> ReportedProblems => _reported;

    /// <summary>Reconciles that rendered exactly what nginx already serves, so nothing was reloaded.</summary>
    public int Unchanged { get; private set; }

    /// <summary>Applies that nginx did not load (each retry counts).</summary>
    public int FailedApplies { get; private set; }

    /// <summary>Failures written to the log: one per change that fails, however often it is retried.</summary>
    public int ReportedFailures { get; private set; }

    /// <summary>Something changed underneath (nginx restarted): try the pending config at once rather than at the end of its backoff.</summary>
    public void RetryNow()
    {
        _backoff.RetryNow(time.GetUtcNow());
        signal.Notify();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        store.Changed += signal.Notify;
        if (store.IsSynced)
        {
            signal.Notify();
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            metrics.ObserveNotifications(await signal.WaitAsync(stoppingToken));
            var started = time.GetTimestamp();
            try
            {
                await ReconcileOnceAsync(stoppingToken);
                await ReturnFreedMemoryAsync();
                _errorBackoff.Succeeded();
                metrics.ObserveSync(time.GetElapsedTime(started));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug, not bad input: keep the last good config, and try again later.
                var (delay, first) = _errorBackoff.Failed(ReconcileErrorKey, time.GetUtcNow());
                if (first)
                {
                    LogReconcileFailed(logger, delay.TotalSeconds, e);
                }
                ScheduleRetry(delay);
            }
        }
    }

    private async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        if (!store.IsSynced)
        {
            // Rendering a partial cluster would reload nginx with Services or Secrets missing; the last source to
            // finish its first list signals again.
            return;
        }
        var capturing = time.GetTimestamp();
        var snapshot = store.Capture();
        ForgetResolvedRejections(snapshot);
        var refused = _refusedCertificates.ToDictionary(entry => entry.Key, entry => entry.Value.Message);
        PipelineResult Run(IReadOnlySet<ObjectKey> leftOut)
        {
            var rendering = time.GetTimestamp();
            var result = ConfigPipeline.Run(snapshot, settings.Controller, settings.Nginx, leftOut, refused);
            metrics.ObserveRender(time.GetElapsedTime(rendering));
            return result;
        }
        var firstLeftOut = _rejected.Keys.ToHashSet();
        var candidate = Run(firstLeftOut);
        _renderedChars = candidate.Rendered.Text.Length;
        var rendered = time.GetElapsedTime(capturing);
        // The validator's first try leaves out the same Ingresses: at 10k a render is worth not doing twice.
        PipelineResult Render(IReadOnlySet<ObjectKey> leftOut) => leftOut.SetEquals(firstLeftOut) ? candidate : Run(leftOut);

        if (candidate.Rendered.Version == applier.AppliedVersion)
        {
            Unchanged++;
            Settle(snapshot, candidate);
            return;
        }
        if (_backoff.IsWaiting(candidate.Rendered.Version, time.GetUtcNow()))
        {
            // This exact config failed a moment ago; its retry is already scheduled.
            return;
        }

        var precedence = Comparer<ObjectKey>.Create((a, b) =>
            IngressAge.OldestFirst.Compare(snapshot.Ingresses.GetValueOrDefault(a), snapshot.Ingresses.GetValueOrDefault(b)));
        var validating = time.GetTimestamp();
        var isolation = await validator.ValidateAsync(Render, firstLeftOut, precedence, cancellationToken, _verified);
        var validated = time.GetElapsedTime(validating);
        metrics.ObserveValidation(validated, isolation.Validations, isolation.FullValidations);
        switch (isolation.Outcome)
        {
            case IsolationOutcome.TimedOut:
                Report(snapshot, candidate.Problems.AddRange(_rejected.Values.Select(entry => entry.Problem)));
                Retry(candidate.Rendered.Version, isolation.Message);
                return;
            case IsolationOutcome.CertificateRejected:
                // Only that Secret's hosts lose their certificate; render again at once without it.
                var secret = isolation.Certificate!.Value;
                _refusedCertificates[secret] = (SecretFingerprint(snapshot, secret), isolation.Message);
                signal.Notify();
                return;
            case IsolationOutcome.Unattributable:
                Report(snapshot, candidate.Problems.AddRange(_rejected.Values.Select(entry => entry.Problem)));
                if (_unattributableReported != candidate.Rendered.Version)
                {
                    _unattributableReported = candidate.Rendered.Version;
                    LogUnattributable(logger, isolation.Validations, isolation.Message);
                }
                return;
        }

        foreach (var (key, message) in isolation.Rejected)
        {
            var problem = new Problem(ObjectRef.Ingress(key), "", ProblemSeverity.Error, "RejectedByNginx",
                $"nginx rejects the configuration this Ingress produces ({message}); the Ingress is excluded and everything else is served");
            _rejected[key] = (IngressDependencies.Fingerprint(snapshot, key), problem);
        }
        var servable = isolation.Servable!;
        Settle(snapshot, servable);
        if (servable.Rendered.Version == applier.AppliedVersion)
        {
            Unchanged++;
            return;
        }
        if (_backoff.IsWaiting(servable.Rendered.Version, time.GetUtcNow()))
        {
            return;
        }
        var applying = time.GetTimestamp();
        switch (await applier.ApplyAsync(servable.Rendered, cancellationToken))
        {
            case ApplyOutcome.Applied:
                LogWentLive(logger, servable.Rendered.Version, time.GetElapsedTime(capturing).TotalMilliseconds, rendered.TotalMilliseconds,
                    isolation.Validations, isolation.FullValidations, validated.TotalMilliseconds, time.GetElapsedTime(applying).TotalMilliseconds);
                _backoff.Succeeded();
                health.WentLive(servable.Rendered.Version);
                Reloads = (Reloads.Count + 1, servable.Rendered.Version);
                _verified = servable.Config;
                metrics.ReloadSucceeded(servable.Rendered.Version, time.GetUtcNow());
                RecordWentLive(snapshot, servable);
                break;
            case ApplyOutcome.RolledBack:
                // nginx -t may have checked only what changed; the retry checks everything, with attribution.
                _verified = null;
                FailedApplies++;
                metrics.ReloadFailed();
                Retry(servable.Rendered.Version, "nginx did not load it; the last good config was restored and is served");
                break;
            case ApplyOutcome.Failed:
                _verified = null;
                FailedApplies++;
                metrics.ReloadFailed();
                Retry(servable.Rendered.Version, "nginx did not load it and serves no verified config");
                break;
        }
    }

    /// <summary>The config to serve is known: /healthz names it, and its problems are logged if they are news.</summary>
    private void Settle(ClusterSnapshot snapshot, PipelineResult servable)
    {
        health.DesiredVersion = servable.Rendered.Version;
        Report(snapshot, servable.Problems.AddRange(_rejected.Values.Select(entry => entry.Problem)));
    }

    private void Retry(string version, string why)
    {
        var (delay, first) = _backoff.Failed(version, time.GetUtcNow());
        if (first)
        {
            ReportedFailures++;
            LogNotApplied(logger, version, why, delay.TotalSeconds);
        }
        else
        {
            LogRetryFailed(logger, version, _backoff.Attempts, delay.TotalSeconds);
        }
        ScheduleRetry(delay);
    }

    private void ScheduleRetry(TimeSpan delay) =>
        _ = Task.Delay(delay, time, _stopping).ContinueWith(delayed =>
        {
            if (!delayed.IsCanceled)
            {
                signal.Notify();
            }
        }, TaskScheduler.Default);

    /// <summary>
    /// An excluded Ingress gets another chance as soon as it, or anything it names, changes (or it is deleted).
    /// Changes the config cannot see (resourceVersion, managedFields, status) do not count.
    /// </summary>
    private void ForgetResolvedRejections(ClusterSnapshot snapshot)
    {
        foreach (var (secret, entry) in _refusedCertificates.ToList())
        {
            if (SecretFingerprint(snapshot, secret) != entry.Fingerprint)
            {
                _refusedCertificates.Remove(secret);
            }
        }
        foreach (var (key, entry) in _rejected.ToList())
        {
            if (!snapshot.Ingresses.ContainsKey(key) || IngressDependencies.Fingerprint(snapshot, key) != entry.Fingerprint)
            {
                _rejected.Remove(key);
            }
        }
    }

    /// <summary>
    /// A reconcile at 10k Ingresses allocates well over half a gigabyte (ConfigPipeline.Run alone 640 MB) and keeps
    /// about 90 MB; the GC kept the rest committed, so the controller's RSS stayed near the peak of its largest
    /// reconcile (355 MiB at 10k with a 123 MB live heap). After a reconcile of a large config, changed or not,
    /// nothing urgent follows, so a compacting collection that gives the free memory back costs a few hundred
    /// milliseconds when it is cheapest. It runs once the reconcile has returned, on a fresh thread-pool callback: a
    /// reconcile that awaited nginx resumes this loop from inside its own completion, with its state machine, and so
    /// the rendered text (31 MB at 10k), still on the stack. Small configs leave too little garbage to be worth it.
    /// </summary>
    private async Task ReturnFreedMemoryAsync()
    {
        const int LargeConfigChars = 4 << 20;
        if (_renderedChars >= LargeConfigChars)
        {
            _renderedChars = 0;
            await Task.Yield();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>What of a Secret the config reads; a refused certificate is tried again once this changes.</summary>
    private static string SecretFingerprint(ClusterSnapshot snapshot, ObjectKey secret) =>
        snapshot.Secrets.TryGetValue(secret, out var found) ? ObjectContent.Of(found) : "";

    /// <summary>A Normal Sync Event on every Ingress that changed since the last config went live and is in this one.</summary>
    private void RecordWentLive(ClusterSnapshot snapshot, PipelineResult live)
    {
        if (events is null)
        {
            // Comparing every Ingress with the last live snapshot costs a serialization each; skip it when nobody listens.
            return;
        }
        var wentLive = IngressEventPolicy.Changed(_lastLive, snapshot);
        _lastLive = snapshot;
        foreach (var objectEvent in IngressEventPolicy.EventsFor(snapshot, live.Problems.AddRange(_rejected.Values.Select(entry => entry.Problem)), wentLive)
            .Where(objectEvent => objectEvent.Type == EventType.Normal))
        {
            events.Record(objectEvent);
        }
    }

    /// <summary>
    /// Logs problems, and records them as Warning Events, when they change, not on every reconcile, so the log
    /// shows news (the recorder also folds repeats into one Event's series).
    /// </summary>
    private void Report(ClusterSnapshot snapshot, ImmutableArray<Problem> problems)
    {
        if (problems.SequenceEqual(_reported))
        {
            return;
        }
        _reported = problems;
        metrics.SetProblems(problems.Select(problem => (problem.Severity.ToString(), problem.Reason)));
        if (events is not null)
        {
            foreach (var objectEvent in IngressEventPolicy.EventsFor(snapshot, problems, []))
            {
                events.Record(objectEvent);
            }
        }
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

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "reconcile failed; the last good config keeps serving; retrying in {Seconds} s")]
    private static partial void LogReconcileFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "nginx rejects the candidate config even with every Ingress left out that could be tried ({Validations} runs of nginx -t); the last good config keeps serving: {NginxMessage}")]
    private static partial void LogUnattributable(ILogger logger, int validations, string nginxMessage);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "config {Version} is not live: {Why}; retrying in {Seconds} s, backing off")]
    private static partial void LogNotApplied(ILogger logger, string version, string why, double seconds);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "config {Version} failed again (attempt {Attempt}); next try in {Seconds} s")]
    private static partial void LogRetryFailed(ILogger logger, string version, int attempt, double seconds);

    /// <summary>Where a reconcile's time went, so a slow change can be read off the log.</summary>
    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "config {Version} is live, {TotalMs:F0} ms after the reconcile began: snapshot and render {RenderMs:F0} ms, {NginxTests} nginx -t ({FullTests} of the whole config) {ValidateMs:F0} ms, reload and verify {ApplyMs:F0} ms")]
    private static partial void LogWentLive(ILogger logger, string version, double totalMs, double renderMs, int nginxTests, int fullTests, double validateMs, double applyMs);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "{Reason}: {Problem}")]
    private static partial void LogProblemError(ILogger logger, string reason, string problem);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "{Reason}: {Problem}")]
    private static partial void LogProblemWarning(ILogger logger, string reason, string problem);
}
