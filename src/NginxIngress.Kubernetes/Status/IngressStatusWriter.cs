using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Store;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// While this replica leads, keeps <c>status.loadBalancer.ingress</c> of every served Ingress equal to the published
/// addresses. The decisions are pure (<see cref="PublishedAddressBuilder"/>, <see cref="NodeAddressBuilder"/>,
/// <see cref="IngressStatusPlanBuilder"/>); this type only fetches the publish Service (or, without a publish flag,
/// the controller pods and their nodes) and merge-patches the status subresource.
/// </summary>
/// <remarks>
/// A sync runs when this replica becomes leader, when the store reports a change, and every
/// <see cref="IngressStatusOptions.UpdateInterval"/>. The store does not report status-only updates (our own writes
/// among them, so they cannot loop), which means a Service's load balancer being assigned is noticed on the next
/// interval, as in ingress-nginx, whose status sync is a plain ticker.
/// </remarks>
public sealed class IngressStatusWriter
{
    private readonly IKubernetes _client;
    private readonly ObjectStore _store;
    private readonly LeaseElection _election;
    private readonly ControllerOptions _controllerOptions;
    private readonly IngressStatusOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly ControllerReplicaReader? _replicas;
    private int _toldNoPod;

    // What we wrote, keyed by Ingress, with the resourceVersion we decided on: until the informer delivers our write,
    // the store still shows that version with the old status, and writing again would be a duplicate.
    private readonly Dictionary<ObjectKey, (string? SeenResourceVersion, EquatableArray<PublishedAddress> Addresses)> _written = [];

    public IngressStatusWriter(IKubernetes client, ObjectStore store, LeaseElection election, ControllerOptions controllerOptions,
        IngressStatusOptions options, ILogger<IngressStatusWriter>? logger = null)
    {
        _client = client;
        _store = store;
        _election = election;
        _controllerOptions = controllerOptions;
        _options = options;
        _logger = logger ?? NullLogger<IngressStatusWriter>.Instance;
        _replicas = options.ControllerPod is { } pod ? new ControllerReplicaReader(client, pod, _logger) : null;
    }

    /// <summary>
    /// Syncs until cancelled; then, with <see cref="IngressStatusOptions.UpdateStatusOnShutdown"/>, while still the
    /// leader and when no other controller pod runs, clears the addresses. Cancel this before stopping the
    /// <see cref="LeaseElection"/>, or it is no longer the leader by then and leaves the status as it is.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.UpdateStatus)
        {
            _logger.Disabled();
            return;
        }

        _store.Changed += Wake;
        _election.LeadershipChanged += OnLeadershipChanged;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await SyncOrLogAsync(cancellationToken).ConfigureAwait(false);
                using var interval = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                interval.CancelAfter(_options.UpdateInterval);
                try
                {
                    await _wake.Reader.ReadAsync(interval.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The interval passed without a change: sync anyway, in case something was missed or overwritten.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _store.Changed -= Wake;
            _election.LeadershipChanged -= OnLeadershipChanged;
        }

        if (_options.UpdateStatusOnShutdown && _election.IsLeader)
        {
            using var shutdown = new CancellationTokenSource(_election.Options.RenewDeadline);
            try
            {
                if (await IsLastReplicaAsync(shutdown.Token).ConfigureAwait(false))
                {
                    await ClearAsync(shutdown.Token).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                _logger.SyncFailed(error);
            }
        }
    }

    /// <summary>One pass: when leading and synced, writes every served Ingress whose status differs. Returns the writes made.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        if (!_options.UpdateStatus || !_election.IsLeader || !_store.IsSynced)
        {
            return 0;
        }
        if (await WantedAsync(cancellationToken).ConfigureAwait(false) is not { } wanted)
        {
            return 0;
        }
        var snapshot = _store.Capture();
        ForgetDeleted(snapshot);
        var changes = IngressStatusPlanBuilder.Plan(snapshot, _controllerOptions, wanted)
            .Where(change => !AlreadyWritten(change));
        return await WriteAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Empties the addresses of every served Ingress (the shutdown step). Returns the writes made.</summary>
    public async Task<int> ClearAsync(CancellationToken cancellationToken)
    {
        if (!_options.UpdateStatus || !_election.IsLeader)
        {
            return 0;
        }
        var snapshot = _store.Capture();
        var changes = IngressStatusPlanBuilder.Plan(snapshot, _controllerOptions, EquatableArray<PublishedAddress>.Empty).ToList();
        // Our latest writes may not have reached the store yet; clear those too.
        lock (_written)
        {
            changes.AddRange(_written
                .Where(entry => entry.Value.Addresses.Count > 0 && changes.All(change => change.Ingress != entry.Key) && snapshot.Ingresses.ContainsKey(entry.Key))
                .Select(entry => new IngressStatusChange(entry.Key, null, EquatableArray<PublishedAddress>.Empty)));
        }
        _logger.Clearing(changes.Count);
        return await WriteAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// ingress-nginx's <c>runningAddresses</c>: the flags' addresses, else the controller pods' node addresses; null
    /// when there is nothing to say, and the status is left as it is.
    /// </summary>
    private async Task<EquatableArray<PublishedAddress>?> WantedAsync(CancellationToken cancellationToken)
    {
        if (!_options.PublishesNodeAddresses)
        {
            var service = await ReadPublishServiceAsync(cancellationToken).ConfigureAwait(false);
            return PublishedAddressBuilder.Build(_options, service);
        }
        if (_replicas is null)
        {
            if (Interlocked.Exchange(ref _toldNoPod, 1) == 0)
            {
                _logger.NoPodForNodeAddresses();
            }
            return null;
        }
        return await _replicas.NodeAddressesAsync(_options.ReportNodeInternalIp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// ingress-nginx's shutdown check (status.go <c>Shutdown</c>, <c>isRunningMultiplePods</c>): while another
    /// controller pod runs, it will lead next and keep the addresses, so clearing them would only blank them for the
    /// length of a rolling update. When the other pods cannot be found or listed, clear, as ingress-nginx does.
    /// </summary>
    private async Task<bool> IsLastReplicaAsync(CancellationToken cancellationToken)
    {
        if (_replicas is null)
        {
            _logger.ClearingWithoutPod();
            return true;
        }
        try
        {
            if (await _replicas.OthersAliveAsync(cancellationToken).ConfigureAwait(false) == true)
            {
                _logger.LeavingStatusToNextLeader();
                return false;
            }
            return true;
        }
        catch (Exception error) when (error is HttpOperationException or HttpRequestException)
        {
            _logger.ReplicaCheckFailed(error);
            return true;
        }
    }

    private async Task SyncOrLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.SyncFailed(error);
        }
    }

    private async Task<int> WriteAsync(IEnumerable<IngressStatusChange> changes, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writes = 0;
            foreach (var change in changes)
            {
                // Leadership can end mid-pass; from then on the new leader writes.
                if (!_election.IsLeader)
                {
                    break;
                }
                if (await PatchAsync(change, cancellationToken).ConfigureAwait(false))
                {
                    writes++;
                }
            }
            return writes;
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<bool> PatchAsync(IngressStatusChange change, CancellationToken cancellationToken)
    {
        var entries = new JsonArray();
        foreach (var address in change.Addresses)
        {
            entries.Add(address.Ip is not null ? new JsonObject { ["ip"] = address.Ip } : new JsonObject { ["hostname"] = address.Hostname });
        }
        // A JSON merge patch replaces the list whole, and needs no resourceVersion: status is ours alone to write.
        var body = new JsonObject { ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = entries } } };
        try
        {
            await _client.NetworkingV1.PatchNamespacedIngressStatusAsync(
                new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), change.Ingress.Name, change.Ingress.Namespace,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.IngressGone(change.Ingress.ToString());
            return false;
        }
        catch (HttpOperationException error)
        {
            _logger.WriteFailed(error, change.Ingress.ToString());
            return false;
        }
        lock (_written)
        {
            _written[change.Ingress] = (change.SeenResourceVersion, change.Addresses);
        }
        _logger.Wrote(change.Ingress.ToString(), string.Join(", ", change.Addresses));
        return true;
    }

    private bool AlreadyWritten(IngressStatusChange change)
    {
        lock (_written)
        {
            return _written.TryGetValue(change.Ingress, out var written)
                && written.SeenResourceVersion == change.SeenResourceVersion
                && written.Addresses.Equals(change.Addresses);
        }
    }

    private void ForgetDeleted(ClusterSnapshot snapshot)
    {
        lock (_written)
        {
            foreach (var key in _written.Keys.Where(key => !snapshot.Ingresses.ContainsKey(key)).ToList())
            {
                _written.Remove(key);
            }
        }
    }

    private async Task<V1Service?> ReadPublishServiceAsync(CancellationToken cancellationToken)
    {
        if (!_options.PublishStatusAddresses.IsDefaultOrEmpty || _options.PublishService is not { } key)
        {
            return null;
        }
        try
        {
            // Read directly, as ingress-nginx does: the Service usually lives outside --watch-namespace.
            return await _client.CoreV1.ReadNamespacedServiceAsync(key.Name, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.PublishServiceMissing(key.ToString());
            return null;
        }
    }

    private void OnLeadershipChanged(bool leading)
    {
        if (leading)
        {
            Wake();
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);
}
