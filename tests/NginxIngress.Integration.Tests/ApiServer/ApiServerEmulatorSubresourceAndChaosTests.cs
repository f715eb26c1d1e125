using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace NginxIngress.Integration.Tests.ApiServer;

/// <summary>The status subresource, patches, and the emulator's injected failures, through the real KubernetesClient.</summary>
public sealed class ApiServerEmulatorSubresourceAndChaosTests : EmulatedClusterTest
{
    private static V1IngressStatus Address(string ip) => new()
    {
        LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = ip }] },
    };

    [Test]
    public async Task Status_subresource_replace_changes_only_status()
    {
        var created = await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");
        created.Spec.Rules.Single().Host = "ignored.test";
        created.Status = Address("10.0.0.1");

        var updated = await Client.NetworkingV1.ReplaceNamespacedIngressStatusAsync(created, "web", "default");

        Assert.That(updated.Status.LoadBalancer.Ingress.Single().Ip, Is.EqualTo("10.0.0.1"));
        Assert.That(updated.Spec.Rules.Single().Host, Is.EqualTo("example.test"));
        Assert.That(updated.Metadata.Generation, Is.EqualTo(1));
    }

    [Test]
    public async Task Main_resource_replace_keeps_status()
    {
        var created = Emulator.Apply(new V1Ingress { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" }, Spec = new V1IngressSpec(), Status = Address("10.0.0.1") });
        created.Status = Address("10.9.9.9");
        created.Spec.IngressClassName = "nginx";

        var updated = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(created, "web", "default");

        Assert.That(updated.Spec.IngressClassName, Is.EqualTo("nginx"));
        Assert.That(updated.Status.LoadBalancer.Ingress.Single().Ip, Is.EqualTo("10.0.0.1"));
    }

    [Test]
    public async Task Create_clears_status_that_only_the_status_subresource_may_write()
    {
        var ingress = Ingress("web");
        ingress.Status = Address("10.0.0.1");

        var created = await Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "default");

        Assert.That(created.Status?.LoadBalancer?.Ingress, Is.Null.Or.Empty);
    }

    [TestCase(V1Patch.PatchType.MergePatch, """{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.2"}]}},"spec":{"ingressClassName":"ignored"}}""")]
    [TestCase(V1Patch.PatchType.StrategicMergePatch, """{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.2"}]}}}""")]
    [TestCase(V1Patch.PatchType.JsonPatch, """[{"op":"add","path":"/status/loadBalancer/ingress","value":[{"ip":"10.0.0.2"}]}]""")]
    public async Task Status_patch_changes_only_status(V1Patch.PatchType type, string body)
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");

        var patched = await Client.NetworkingV1.PatchNamespacedIngressStatusAsync(new V1Patch(body, type), "web", "default");

        Assert.That(patched.Status.LoadBalancer.Ingress.Single().Ip, Is.EqualTo("10.0.0.2"));
        Assert.That(patched.Spec.IngressClassName, Is.Null);
        var request = Emulator.Requests.Single(r => r.Verb == "patch");
        Assert.That(request.Subresource, Is.EqualTo("status"));
        TestContext.Out.WriteLine($"{type} sent as {request.ContentType}");
    }

    [Test]
    public async Task Merge_patch_of_the_main_resource_leaves_status_alone()
    {
        Emulator.Apply(new V1Ingress { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" }, Spec = new V1IngressSpec(), Status = Address("10.0.0.1") });

        var patched = await Client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}},"status":null}""", V1Patch.PatchType.MergePatch), "web", "default");

        Assert.That(patched.Metadata.Labels["a"], Is.EqualTo("b"));
        Assert.That(patched.Status.LoadBalancer.Ingress.Single().Ip, Is.EqualTo("10.0.0.1"));
    }

    [Test]
    public async Task Patch_carrying_a_stale_resourceVersion_is_a_409_Conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } }, "default");
        Emulator.Apply(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg", NamespaceProperty = "default" }, Data = new Dictionary<string, string> { ["k"] = "v" } });

        var error = Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"data":{"k":"w"}}""", V1Patch.PatchType.MergePatch), "cfg", "default"));

        Assert.That(error!.Response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Replace_that_changes_nothing_keeps_the_resourceVersion()
    {
        var created = await Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web"), "default");

        var replaced = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(created, "web", "default");

        Assert.That(replaced.Metadata.ResourceVersion, Is.EqualTo(created.Metadata.ResourceVersion));
    }

    [TestCase(500)]
    [TestCase(429)]
    public async Task FailNextRequests_fails_exactly_that_many_requests_with_a_Status(int code)
    {
        Emulator.FailNextRequests(1, code);

        var error = Assert.ThrowsAsync<HttpOperationException>(() => Client.NetworkingV1.ListIngressForAllNamespacesAsync());
        var list = await Client.NetworkingV1.ListIngressForAllNamespacesAsync();

        Assert.That((int)error!.Response.StatusCode, Is.EqualTo(code));
        Assert.That(error.Response.Content, Does.Contain("\"kind\":\"Status\"").And.Contain($"\"code\":{code}"));
        if (code == 429)
        {
            Assert.That(error.Response.Headers["Retry-After"], Is.EqualTo(new[] { "1" }));
        }
        Assert.That(list.Items, Is.Empty);
        Assert.That(Emulator.CountRequests("list", "ingresses"), Is.EqualTo(2));
    }

    [Test]
    public async Task Requests_without_the_kubeconfig_token_are_refused()
    {
        using var anonymous = new HttpClient();

        var response = await anonymous.GetAsync(new Uri(Emulator.BaseAddress, "/api/v1/configmaps"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Unknown_resources_are_a_404_Status()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Emulator.BearerToken);

        var response = await http.GetAsync(new Uri(Emulator.BaseAddress, "/apis/apps/v1/deployments"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"kind\":\"Status\""));
    }

    [Test]
    public async Task Cluster_scoped_ingress_classes_round_trip()
    {
        await Client.NetworkingV1.CreateIngressClassAsync(new V1IngressClass { Metadata = new V1ObjectMeta { Name = "nginx" }, Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" } });

        var list = await Client.NetworkingV1.ListIngressClassAsync();

        Assert.That(list.Items.Single().Spec.Controller, Is.EqualTo("k8s.io/ingress-nginx"));
        Assert.That(list.Items.Single().Metadata.NamespaceProperty, Is.Null);
    }
}
