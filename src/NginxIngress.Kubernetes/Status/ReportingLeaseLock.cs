using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// KubernetesClient's <see cref="LeaseLock"/>, made to tell. The library's lock and elector swallow a failed get,
/// create or update (returning "not acquired"), so a 403 on <c>coordination.k8s.io/leases</c> would look like a
/// replica that simply never wins (kubernetes-client/csharp#1593, #1584). This subclass logs every failure on its
/// way through, then lets the library handle it as before.
/// </summary>
internal sealed class ReportingLeaseLock(IKubernetes client, string @namespace, string name, string identity, ILogger logger)
    : LeaseLock(client, @namespace, name, identity)
{
    protected override Task<V1Lease> ReadMetaObjectAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken) =>
        ReportAsync("get", base.ReadMetaObjectAsync(client, name, namespaceParameter, cancellationToken));

    protected override Task<V1Lease> CreateMetaObjectAsync(IKubernetes client, V1Lease obj, string namespaceParameter, CancellationToken cancellationToken) =>
        ReportAsync("create", base.CreateMetaObjectAsync(client, obj, namespaceParameter, cancellationToken));

    protected override Task<V1Lease> ReplaceMetaObjectAsync(IKubernetes client, V1Lease obj, string name, string namespaceParameter, CancellationToken cancellationToken) =>
        ReportAsync("update", base.ReplaceMetaObjectAsync(client, obj, name, namespaceParameter, cancellationToken));

    private async Task<V1Lease> ReportAsync(string operation, Task<V1Lease> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (HttpOperationException error)
        {
            var status = error.Response.StatusCode;
            switch (status)
            {
                // A missing Lease before the first create is the normal start, not a fault.
                case HttpStatusCode.NotFound when operation == "get":
                    break;
                // Two replicas racing for one resourceVersion: exactly one wins, by design.
                case HttpStatusCode.Conflict:
                    logger.LeaseConflict(operation, (int)status);
                    break;
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    logger.LeaseForbidden(error, operation, (int)status);
                    break;
                default:
                    logger.LeaseFailed(error, operation);
                    break;
            }
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LeaseFailed(error, operation);
            throw;
        }
    }
}
