using System.Collections.Immutable;
using k8s.Models;
using NginxIngress.Core.Building;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// Which Ingresses need a status write: those this controller serves (<see cref="IngressClassFilter"/>) whose
/// published addresses differ from the wanted ones. Pure, so an unchanged cluster plans nothing and the leader never
/// writes the same status twice (no write storms, and our own writes cannot feed back into more writes).
/// </summary>
public static class IngressStatusPlanBuilder
{
    public static ImmutableArray<IngressStatusChange> Plan(ClusterSnapshot snapshot, ControllerOptions options, EquatableArray<PublishedAddress> wanted)
    {
        var changes = ImmutableArray.CreateBuilder<IngressStatusChange>();
        foreach (var (key, ingress) in snapshot.Ingresses)
        {
            if (IngressClassFilter.Accepts(ingress, snapshot, options) && !Current(ingress).Equals(wanted))
            {
                changes.Add(new IngressStatusChange(key, ingress.Metadata?.ResourceVersion, wanted));
            }
        }
        return changes.ToImmutable();
    }

    /// <summary>
    /// The addresses an Ingress's status holds now, in canonical form. Ports are ignored, as ingress-nginx's
    /// <c>ingressSliceEqual</c> compares only IP and hostname.
    /// </summary>
    public static EquatableArray<PublishedAddress> Current(V1Ingress ingress) =>
        PublishedAddressBuilder.Canonical((ingress.Status?.LoadBalancer?.Ingress ?? [])
            .Select(entry => string.IsNullOrEmpty(entry.Ip)
                ? PublishedAddress.FromHostname(entry.Hostname ?? "")
                : PublishedAddress.FromIp(entry.Ip)));
}
