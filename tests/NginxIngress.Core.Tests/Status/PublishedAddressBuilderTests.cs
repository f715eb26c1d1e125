using k8s.Models;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Core.Tests.Status;

/// <summary>Which addresses are published, in ingress-nginx's order (status.go runningAddresses, statusAddressFromService).</summary>
public sealed class PublishedAddressBuilderTests
{
    private static readonly ObjectKey Published = new("ingress-nginx", "controller");

    private static V1Service Service(string type, string? clusterIp = "10.96.0.10", string[]? externalIps = null,
        V1LoadBalancerIngress[]? loadBalancer = null, string? externalName = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = Published.Name, NamespaceProperty = Published.Namespace },
        Spec = new V1ServiceSpec { Type = type, ClusterIP = clusterIp, ExternalIPs = externalIps, ExternalName = externalName },
        Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = loadBalancer } },
    };

    private static IEnumerable<TestCaseData> ServiceCases()
    {
        yield return new TestCaseData(Service("LoadBalancer", loadBalancer: [new() { Ip = "203.0.113.7" }]), "203.0.113.7")
            .SetName("Load balancer IP is published");
        yield return new TestCaseData(Service("LoadBalancer", loadBalancer: [new() { Hostname = "lb.example.com" }, new() { Ip = "203.0.113.7" }]), "203.0.113.7,lb.example.com")
            .SetName("Load balancer IPs and hostnames are published together, IPs first");
        yield return new TestCaseData(Service("LoadBalancer", externalIps: ["198.51.100.1"], loadBalancer: [new() { Ip = "203.0.113.7" }]), "198.51.100.1,203.0.113.7")
            .SetName("Load balancer entries and external IPs are published together");
        yield return new TestCaseData(Service("LoadBalancer"), "")
            .SetName("Pending load balancer publishes nothing rather than its ClusterIP");
        yield return new TestCaseData(Service("NodePort", externalIps: ["198.51.100.2", "198.51.100.1"]), "198.51.100.1,198.51.100.2")
            .SetName("External IPs are published when there is no load balancer");
        yield return new TestCaseData(Service("ClusterIP", externalIps: ["198.51.100.1"]), "198.51.100.1")
            .SetName("External IPs win over the ClusterIP");
        yield return new TestCaseData(Service("ClusterIP"), "10.96.0.10")
            .SetName("ClusterIP is published for a ClusterIP Service without external IPs");
        yield return new TestCaseData(Service("NodePort"), "10.96.0.10")
            .SetName("ClusterIP is published for a NodePort Service without external IPs");
        yield return new TestCaseData(Service("ClusterIP", clusterIp: "None"), "")
            .SetName("Headless Service publishes nothing");
        yield return new TestCaseData(Service("ExternalName", clusterIp: null, externalName: "edge.example.com"), "edge.example.com")
            .SetName("ExternalName Service publishes its name");
    }

    [TestCaseSource(nameof(ServiceCases))]
    public void Publish_service_addresses_follow_ingress_nginx(V1Service service, string expected)
    {
        var options = new IngressStatusOptions { PublishService = Published };

        var addresses = PublishedAddressBuilder.Build(options, service);

        Assert.That(addresses, Is.Not.Null);
        Assert.That(string.Join(",", addresses!.Value), Is.EqualTo(expected));
    }

    [Test]
    public void Publish_status_address_wins_over_the_publish_service()
    {
        var options = new IngressStatusOptions
        {
            PublishStatusAddresses = IngressStatusOptions.ParseAddressList(" lb.example.com, 192.0.2.1 ,,192.0.2.1"),
            PublishService = Published,
        };

        var addresses = PublishedAddressBuilder.Build(options, Service("LoadBalancer", loadBalancer: [new() { Ip = "203.0.113.7" }]))!.Value;

        Assert.That(addresses.Select(a => (a.Ip, a.Hostname)), Is.EqualTo(new (string?, string?)[] { ("192.0.2.1", null), (null, "lb.example.com") }));
    }

    [TestCase("2001:db8::1", "2001:db8::1", null)]
    [TestCase("192.0.2.1", "192.0.2.1", null)]
    [TestCase("ingress.example.com", null, "ingress.example.com")]
    public void Listed_address_is_an_ip_when_it_parses_as_one_and_a_hostname_otherwise(string value, string? ip, string? hostname)
    {
        var address = PublishedAddress.Parse(value);

        Assert.That((address.Ip, address.Hostname), Is.EqualTo((ip, hostname)));
    }

    [Test]
    public void The_flags_name_nothing_without_either_flag_or_when_the_publish_service_is_missing()
    {
        Assert.That(PublishedAddressBuilder.Build(IngressStatusOptions.Default, null), Is.Null);
        Assert.That(PublishedAddressBuilder.Build(new IngressStatusOptions { PublishService = Published }, null), Is.Null);
    }

    [Test]
    public void Node_addresses_are_published_only_when_neither_publish_flag_is_given()
    {
        Assert.That(IngressStatusOptions.Default.PublishesNodeAddresses, Is.True);
        Assert.That(new IngressStatusOptions { PublishService = Published }.PublishesNodeAddresses, Is.False, "a missing publish Service does not fall back to nodes");
        Assert.That(new IngressStatusOptions { PublishStatusAddresses = ["192.0.2.1"] }.PublishesNodeAddresses, Is.False);
    }

    [TestCase("ingress-nginx/controller", "ingress-nginx", "controller")]
    [TestCase("controller", null, null)]
    [TestCase("a/b/c", null, null)]
    [TestCase("/controller", null, null)]
    [TestCase("", null, null)]
    public void Publish_service_flag_is_read_as_namespace_slash_name(string value, string? ns, string? name)
    {
        var key = IngressStatusOptions.ParseServiceKey(value);

        Assert.That(key, Is.EqualTo(ns is null ? null : new ObjectKey(ns, name!)));
    }
}
