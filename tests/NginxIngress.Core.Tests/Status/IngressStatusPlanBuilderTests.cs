using k8s.Models;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Status;

/// <summary>Which Ingresses need a status write: served ones whose addresses differ, and no others.</summary>
public sealed class IngressStatusPlanBuilderTests
{
    private static readonly EquatableArray<PublishedAddress> Wanted =
        PublishedAddressBuilder.Canonical([PublishedAddress.FromIp("192.0.2.1"), PublishedAddress.FromHostname("lb.example.com")]);

    private static V1Ingress Ingress(string name, string? className = "nginx", params V1IngressLoadBalancerIngress[] status) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "7" },
        Spec = new V1IngressSpec { IngressClassName = className },
        Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = status } },
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Ingress("web"), true).SetName("Served Ingress without status needs a write");
        yield return new TestCaseData(Ingress("web", "nginx", new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }, new V1IngressLoadBalancerIngress { Hostname = "lb.example.com" }), false)
            .SetName("Served Ingress with the wanted addresses needs no write");
        yield return new TestCaseData(Ingress("web", "nginx", new V1IngressLoadBalancerIngress { Hostname = "lb.example.com" }, new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }, new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }), false)
            .SetName("Order and duplicates of the current addresses do not matter");
        yield return new TestCaseData(Ingress("web", "nginx", new V1IngressLoadBalancerIngress { Ip = "192.0.2.1", Ports = [new() { Port = 80, Protocol = "TCP" }] }, new V1IngressLoadBalancerIngress { Hostname = "lb.example.com" }), false)
            .SetName("Ports on the current addresses do not matter");
        yield return new TestCaseData(Ingress("web", "nginx", new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }), true)
            .SetName("Served Ingress missing one address needs a write");
        yield return new TestCaseData(Ingress("web", "nginx", new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }, new V1IngressLoadBalancerIngress { Hostname = "lb.example.com" }, new V1IngressLoadBalancerIngress { Ip = "198.51.100.9" }), true)
            .SetName("Served Ingress with a stale extra address needs a write");
        yield return new TestCaseData(Ingress("web", "traefik"), false).SetName("Ingress of another class is not touched");
        yield return new TestCaseData(Ingress("web", null), false).SetName("Ingress without a class is not touched by default");
    }

    [TestCaseSource(nameof(Cases))]
    public void Only_served_Ingresses_whose_addresses_differ_are_planned(V1Ingress ingress, bool planned)
    {
        var snapshot = SnapshotBuilder.From(ingress, IngressClasses.Nginx(), IngressClasses.Create("traefik", "traefik.io/ingress-controller"));

        var plan = IngressStatusPlanBuilder.Plan(snapshot, ControllerOptions.Default, Wanted);

        Assert.That(plan.Select(change => change.Ingress), Is.EqualTo(planned ? new[] { new ObjectKey("default", "web") } : Array.Empty<ObjectKey>()));
        Assert.That(plan.All(change => change.Addresses.Equals(Wanted) && change.SeenResourceVersion == "7"), Is.True);
    }

    [Test]
    public void Clearing_plans_only_Ingresses_that_have_addresses()
    {
        var snapshot = SnapshotBuilder.From(IngressClasses.Nginx(), Ingress("empty"), Ingress("set", "nginx", new V1IngressLoadBalancerIngress { Ip = "192.0.2.1" }));

        var plan = IngressStatusPlanBuilder.Plan(snapshot, ControllerOptions.Default, EquatableArray<PublishedAddress>.Empty);

        Assert.That(plan.Select(change => change.Ingress.Name), Is.EqualTo(new[] { "set" }));
    }
}
