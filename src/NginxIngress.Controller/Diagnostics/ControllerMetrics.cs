using System.Globalization;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Nginx.Runtime;
using Prometheus;

namespace NginxIngress.Controller.Diagnostics;

/// <summary>
/// The controller's Prometheus metrics, served at <c>/metrics</c> on the healthz port (10254, where the pod's scrape
/// annotations point). Names are ingress-nginx's where the meaning is the same, so its dashboards and alerts keep
/// working; each carries its static labels <c>controller_class</c>, <c>controller_namespace</c> and
/// <c>controller_pod</c>. One registry per controller, not prometheus-net's process-wide default, so two controllers in
/// one process (as in the tests) count apart.
/// </summary>
public sealed class ControllerMetrics : IInformerObserver
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Gauge _lastReloadSuccessful;
    private readonly Gauge _lastReloadSuccessfulTimestamp;
    private readonly Gauge _configHash;
    private readonly Counter _reloads;
    private readonly Counter _reloadErrors;
    private readonly Histogram _syncDuration;
    private readonly Histogram _validationDuration;
    private readonly Counter _nginxTests;
    private readonly Gauge _problems;
    private readonly Histogram _renderDuration;
    private readonly Counter _coalescedEvents;
    private readonly Gauge _workerGenerations;
    private readonly Histogram _reloadWait;
    private readonly Counter _reloadWaitsGivenUp;
    private readonly Counter _informerRestarts;

    public ControllerMetrics(string controllerClass, string controllerNamespace, string controllerPod)
    {
        _registry.SetStaticLabels(new Dictionary<string, string>
        {
            ["controller_class"] = controllerClass,
            ["controller_namespace"] = controllerNamespace,
            ["controller_pod"] = controllerPod,
        });
        var factory = Metrics.WithCustomRegistry(_registry);
        _lastReloadSuccessful = factory.CreateGauge("nginx_ingress_controller_config_last_reload_successful",
            "Whether the last configuration reload attempt was successful (nginx verified serving it)");
        _lastReloadSuccessfulTimestamp = factory.CreateGauge("nginx_ingress_controller_config_last_reload_successful_timestamp_seconds",
            "Timestamp of the last successful configuration reload");
        _configHash = factory.CreateGauge("nginx_ingress_controller_config_hash",
            "Running configuration hash actually set (the first 52 bits of its SHA-256 version)");
        _reloads = factory.CreateCounter("nginx_ingress_controller_success",
            "Cumulative number of successful (verified) configuration reloads");
        _reloadErrors = factory.CreateCounter("nginx_ingress_controller_errors",
            "Cumulative number of configuration reloads nginx did not come to serve");
        _syncDuration = factory.CreateHistogram("nginx_ingress_controller_sync_duration_seconds",
            "Time one reconcile took: snapshot, render, nginx -t (with isolation), reload and verification",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        _validationDuration = factory.CreateHistogram("nginx_ingress_controller_validation_duration_seconds",
            "Time the validation of one candidate config took: every nginx -t it needed, bisection included",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        _nginxTests = factory.CreateCounter("nginx_ingress_controller_nginx_test_runs",
            "Cumulative number of nginx -t runs (at most one per candidate, more while a rejected Ingress is bisected out), by scope: full, or changed (only what differs from the config nginx serves)",
            ["scope"]);
        _problems = factory.CreateGauge("nginx_ingress_controller_problems",
            "Problems in the latest reported set, by severity and reason (an excluded Ingress is one Error)", ["severity", "reason"]);
        _renderDuration = factory.CreateHistogram("nginx_ingress_controller_render_duration_seconds",
            "Time one render of the config took (the pure pipeline, without nginx -t); bisecting a rejected Ingress renders more than once",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        _coalescedEvents = factory.CreateCounter("nginx_ingress_controller_coalesced_events",
            "Cumulative number of change notifications folded into a reconcile started by an earlier one (the debounce at work)");
        _workerGenerations = factory.CreateGauge("nginx_ingress_controller_nginx_worker_generations",
            "nginx worker generations alive: the current workers plus those still draining after reloads; NaN when nginx's processes are not visible");
        _reloadWait = factory.CreateHistogram("nginx_ingress_controller_reload_wait_seconds",
            "Time a reload was held back because too many worker generations were alive (--max-worker-generations); only reloads that waited",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.1, 2, 10) });
        _reloadWaitsGivenUp = factory.CreateCounter("nginx_ingress_controller_reload_wait_timeouts",
            "Cumulative number of reloads that went ahead after --max-worker-generations-wait with too many generations still alive");
        _informerRestarts = factory.CreateCounter("nginx_ingress_controller_informer_restarts",
            "Cumulative number of new watches or lists an informer started after the last ended, by kind and reason (ended, stalled, broke, failed, gone: a 410 that forced a full list)",
            ["kind", "reason"]);
    }

    /// <summary>nginx verified serving <paramref name="version"/> (a SHA-256 in hex) since <paramref name="at"/>.</summary>
    public void ReloadSucceeded(string version, DateTimeOffset at)
    {
        _reloads.Inc();
        _lastReloadSuccessful.Set(1);
        _lastReloadSuccessfulTimestamp.SetToTimeUtc(at);
        // 13 hex digits are 52 bits: a double holds them exactly, so equal configs always show an equal hash.
        _configHash.Set(long.Parse(version.AsSpan(0, 13), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    /// <summary>A reload nginx did not come to serve (rolled back, or nothing verified).</summary>
    public void ReloadFailed()
    {
        _reloadErrors.Inc();
        _lastReloadSuccessful.Set(0);
    }

    public void ObserveSync(TimeSpan duration) => _syncDuration.Observe(duration.TotalSeconds);

    /// <summary>One candidate validated in <paramref name="duration"/> with <paramref name="nginxTests"/> runs of nginx -t.</summary>
    /// <param name="fullTests">How many of <paramref name="nginxTests"/> checked the whole config.</param>
    public void ObserveValidation(TimeSpan duration, int nginxTests, int fullTests)
    {
        _validationDuration.Observe(duration.TotalSeconds);
        _nginxTests.WithLabels("full").Inc(fullTests);
        _nginxTests.WithLabels("changed").Inc(nginxTests - fullTests);
    }

    public void ObserveRender(TimeSpan duration) => _renderDuration.Observe(duration.TotalSeconds);

    /// <summary>One reconcile woke for <paramref name="notifications"/> change notifications: all but the first were folded into it.</summary>
    public void ObserveNotifications(int notifications)
    {
        if (notifications > 1)
        {
            _coalescedEvents.Inc(notifications - 1);
        }
    }

    /// <summary>Counts nginx's worker generations whenever the metrics are scraped.</summary>
    public void WatchWorkerGenerations(Func<WorkerGenerationCount?> read) =>
        _registry.AddBeforeCollectCallback(() => _workerGenerations.Set(read()?.Alive ?? double.NaN));

    /// <summary>A reload passed the generation bound; only a reload that was held back is timed.</summary>
    public void ObserveReloadWait(ReloadWait wait)
    {
        if (wait.Waited > TimeSpan.Zero)
        {
            _reloadWait.Observe(wait.Waited.TotalSeconds);
        }
        if (wait.GaveUp)
        {
            _reloadWaitsGivenUp.Inc();
        }
    }

    public void Restarted(string kind, InformerRestart reason) =>
        _informerRestarts.WithLabels(kind, reason.ToString().ToLowerInvariant()).Inc();

    /// <summary>The problems now reported, counted by severity and reason; a reason no longer reported reads 0.</summary>
    public void SetProblems(IEnumerable<(string Severity, string Reason)> problems)
    {
        var counts = problems.GroupBy(problem => problem).ToDictionary(group => group.Key, group => group.Count());
        foreach (var labels in _problems.GetAllLabelValues())
        {
            if (!counts.ContainsKey((labels[0], labels[1])))
            {
                _problems.WithLabels(labels).Set(0);
            }
        }
        foreach (var ((severity, reason), count) in counts)
        {
            _problems.WithLabels(severity, reason).Set(count);
        }
    }

    /// <summary>The Prometheus text exposition format, for <c>GET /metrics</c>.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);
}
