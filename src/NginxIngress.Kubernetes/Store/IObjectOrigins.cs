using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Store;

/// <summary>
/// Where an object came from, for problems and logs: a manifest's <c>file:line</c>, or the API object's
/// resourceVersion. Each source answers for its own objects; the reconcile loop asks without knowing which.
/// </summary>
public interface IObjectOrigins
{
    /// <summary>A short description of where <paramref name="reference"/> was read, or null when unknown.</summary>
    string? Of(ObjectRef reference);
}
