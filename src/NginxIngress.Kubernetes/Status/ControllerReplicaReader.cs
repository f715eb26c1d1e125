using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Reads what the node-address fallback and the shutdown check need: the controller's own pod, the pods that share
/// its labels, and their nodes. The choices are pure (<see cref="ControllerReplicas"/>, <see cref="NodeAddressBuilder"/>);
/// this type only makes the calls, straight to the API server as ingress-nginx does, since it watches neither kind.
/// </summary>
/// <remarks>RBAC: pods get and list in the controller's namespace, nodes get (<see cref="ApiPermissions"/>).</remarks>
internal sealed class ControllerReplicaReader
{
    private readonly IKubernetes _client;
    private readonly ObjectKey _pod;
    private readonly ILogger _logger;

    // Read once, as ingress-nginx reads it once at start: only its labels are used, and a pod's labels are set by
    // its workload's template, which a change to would replace the pod.
    private V1Pod? _self;

    public ControllerReplicaReader(IKubernetes client, ObjectKey pod, ILogger logger)
    {
        _client = client;
        _pod = pod;
        _logger = logger;
    }

    /// <summary>
    /// The addresses of the nodes this revision's ready pods run on; null when the controller's own pod cannot be
    /// found, so there is nothing to say. A failed call throws, and the caller leaves the status as it is.
    /// </summary>
    public async Task<EquatableArray<PublishedAddress>?> NodeAddressesAsync(bool useInternalIp, CancellationToken cancellationToken)
    {
        if (await SelfAsync(cancellationToken).ConfigureAwait(false) is not { } self)
        {
            return null;
        }
        var pods = await ListAsync(ControllerReplicas.SameRevisionSelector(self), cancellationToken).ConfigureAwait(false);
        var nodes = new Dictionary<string, V1Node>(StringComparer.Ordinal);
        // One read per node, as ingress-nginx does: a cluster has few controller nodes, and listing every node of a
        // large cluster each sync would cost far more.
        foreach (var name in NodeAddressBuilder.NodesOf(pods))
        {
            try
            {
                nodes[name] = await _client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _logger.NodeGone(name);
            }
        }
        return NodeAddressBuilder.Build(pods, nodes, useInternalIp);
    }

    /// <summary>
    /// Whether another controller pod, of any revision, is still there to take over; null when the controller's own
    /// pod cannot be found. A failed call throws.
    /// </summary>
    public async Task<bool?> OthersAliveAsync(CancellationToken cancellationToken)
    {
        if (await SelfAsync(cancellationToken).ConfigureAwait(false) is not { } self)
        {
            return null;
        }
        var pods = await ListAsync(ControllerReplicas.AnyRevisionSelector(self), cancellationToken).ConfigureAwait(false);
        return ControllerReplicas.OthersAlive(pods, _pod.Name);
    }

    private async Task<V1Pod?> SelfAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _self) is { } known)
        {
            return known;
        }
        try
        {
            var self = await _client.CoreV1.ReadNamespacedPodAsync(_pod.Name, _pod.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _self, self);
            return self;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.OwnPodMissing(_pod.ToString());
            return null;
        }
    }

    private async Task<IList<V1Pod>> ListAsync(string labelSelector, CancellationToken cancellationToken) =>
        (await _client.CoreV1.ListNamespacedPodAsync(_pod.Namespace, labelSelector: labelSelector, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Items ?? [];
}
