using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// One status write to make: set <see cref="Ingress"/>'s <c>status.loadBalancer.ingress</c> to <see cref="Addresses"/>.
/// <see cref="SeenResourceVersion"/> is the version the decision was made on, so the writer can tell its own write
/// from a store that has not caught up with it yet.
/// </summary>
public sealed record IngressStatusChange(ObjectKey Ingress, string? SeenResourceVersion, EquatableArray<PublishedAddress> Addresses);
