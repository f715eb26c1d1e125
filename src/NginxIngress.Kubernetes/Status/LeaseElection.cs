using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Elects one replica through a <c>coordination.k8s.io</c> Lease, using KubernetesClient's <see cref="LeaderElector"/>.
/// Only Ingress status writes are leader-gated; every replica renders and reloads its own nginx.
/// </summary>
/// <remarks>
/// <see cref="LeaderElector.RunUntilLeadershipLostAsync"/> returns after one lost lease, so <see cref="RunAsync"/>
/// runs it in a loop with backoff (style-anchors §5 pitfall 13). Each round gets a fresh elector and a token that is
/// cancelled when the round ends: the library's renew loop runs on a task it does not await after the renew deadline,
/// and that task would otherwise keep writing the Lease behind the next round's back. Stopping does not release the
/// Lease, as in ingress-nginx: another replica takes over once it has seen the Lease unrenewed for a lease duration.
/// </remarks>
public sealed class LeaseElection
{
    private readonly IKubernetes _client;
    private readonly ILogger _logger;
    private volatile bool _isLeader;

    public LeaseElection(IKubernetes client, LeaseElectionOptions options, ILogger<LeaseElection>? logger = null)
    {
        if (options.RenewDeadline >= options.LeaseDuration || options.RetryPeriod >= options.RenewDeadline)
        {
            throw new ArgumentException("Lease timings must satisfy RetryPeriod < RenewDeadline < LeaseDuration.", nameof(options));
        }
        _client = client;
        Options = options;
        _logger = logger ?? NullLogger<LeaseElection>.Instance;
    }

    public LeaseElectionOptions Options { get; }

    public string Identity => Options.Identity;

    /// <summary>True from the moment this replica acquired the Lease until it failed to renew it within the renew deadline.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>Raised with true when this replica starts leading and false when it stops. Handlers must not block.</summary>
    public event Action<bool>? LeadershipChanged;

    /// <summary>Campaigns, leads and campaigns again after a loss, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _logger.Starting(Options.Namespace, Options.ElectionId, Identity);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var led = false;
            using (var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var elector = NewElector(() => led = true))
            {
                try
                {
                    await elector.RunUntilLeadershipLostAsync(round.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A transport failure (connection refused, timeout) escapes the library's acquire loop.
                    _logger.LeaseFailed(error, "election round");
                }
                finally
                {
                    await round.CancelAsync().ConfigureAwait(false);
                }
            }

            failures = led ? 0 : failures + 1;
            var delay = Backoff(failures);
            _logger.Retrying(delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Right after a lost lease, one retry period; after rounds that never led, doubling up to a lease duration, with jitter.</summary>
    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures, 6);
        var delay = Options.RetryPeriod * Math.Pow(2, exponent);
        if (delay > Options.LeaseDuration)
        {
            delay = Options.LeaseDuration;
        }
        return delay * (1 + Random.Shared.NextDouble() * 0.2);
    }

    private LeaderElector NewElector(Action onLed)
    {
        var leaseLock = new ReportingLeaseLock(_client, Options.Namespace, Options.ElectionId, Identity, _logger);
        var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = Options.LeaseDuration,
            RenewDeadline = Options.RenewDeadline,
            RetryPeriod = Options.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            onLed();
            SetLeader(true);
        };
        elector.OnStoppedLeading += () => SetLeader(false);
        elector.OnNewLeader += leader => _logger.NewLeader(leader);
        elector.OnError += error =>
        {
            // HTTP failures were logged by the lock with their status code; log only what it could not see.
            if (error is not HttpOperationException and not OperationCanceledException)
            {
                _logger.LeaseFailed(error, "renew");
            }
        };
        return elector;
    }

    private void SetLeader(bool leading)
    {
        if (_isLeader == leading)
        {
            return;
        }
        _isLeader = leading;
        if (leading)
        {
            _logger.StartedLeading(Identity);
        }
        else
        {
            _logger.StoppedLeading(Identity);
        }
        LeadershipChanged?.Invoke(leading);
    }
}
