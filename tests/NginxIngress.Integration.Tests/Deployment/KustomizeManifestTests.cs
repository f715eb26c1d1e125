using k8s.Models;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// <c>kubectl apply -k manifests/</c> takes the place of the tutorial's mandatory.yaml: the same names wherever
/// users refer to them, and the overlays add the tutorial's NodePort Service or a LoadBalancer.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class KustomizeManifestTests
{
    private const string Namespace = "ingress-nginx";

    [Test]
    public void The_base_has_every_object_mandatory_yaml_had_under_the_same_names()
    {
        var objects = Kustomize.Build(".");

        Assert.That(Kustomize.Single<V1Namespace>(objects, Namespace), Is.Not.Null);
        foreach (var configMap in new[] { "nginx-configuration", "tcp-services", "udp-services" })
        {
            Assert.That(Kustomize.Single<V1ConfigMap>(objects, configMap).Namespace(), Is.EqualTo(Namespace));
        }
        Assert.That(Kustomize.Single<V1ServiceAccount>(objects, "nginx-ingress-serviceaccount").Namespace(), Is.EqualTo(Namespace));
        Assert.That(Kustomize.Single<V1Deployment>(objects, "nginx-ingress-controller").Namespace(), Is.EqualTo(Namespace));
        Assert.That(Kustomize.Single<V1ClusterRole>(objects, "nginx-ingress-clusterrole"), Is.Not.Null);
        Assert.That(Kustomize.Single<V1Role>(objects, "nginx-ingress-role").Namespace(), Is.EqualTo(Namespace));
        Assert.That(objects.OfType<V1Service>(), Is.Empty, "as with mandatory.yaml, exposing the controller is a separate step");
    }

    [Test]
    public void The_IngressClass_nginx_names_the_ingress_nginx_controller_so_the_tutorials_class_annotation_matches()
    {
        var ingressClass = Kustomize.Single<V1IngressClass>(Kustomize.Build("."), "nginx");

        Assert.That(ingressClass.Spec.Controller, Is.EqualTo("k8s.io/ingress-nginx"));
    }

    [Test]
    public void The_nodeport_overlay_is_the_tutorials_Service_on_port_30000_selecting_the_controller_pods()
    {
        var objects = Kustomize.Build("overlays/nodeport");

        var service = Kustomize.Single<V1Service>(objects, "ingress-nginx");
        var deployment = Kustomize.Single<V1Deployment>(objects, "nginx-ingress-controller");
        Assert.That(service.Namespace(), Is.EqualTo(Namespace), "--publish-service=$(POD_NAMESPACE)/ingress-nginx names it");
        Assert.That(service.Spec.Type, Is.EqualTo("NodePort"));
        Assert.That(service.Spec.Ports.Single().NodePort, Is.EqualTo(30000));
        Assert.That(service.Spec.Ports.Single().TargetPort.Value, Is.EqualTo("80"));
        Assert.That(service.Spec.Selector, Is.SubsetOf(deployment.Spec.Template.Metadata.Labels));
    }

    [Test]
    public void The_loadbalancer_overlay_exposes_http_and_https_through_the_nginx_containers_named_ports()
    {
        var objects = Kustomize.Build("overlays/loadbalancer");

        var service = Kustomize.Single<V1Service>(objects, "ingress-nginx");
        var nginx = Kustomize.Single<V1Deployment>(objects, "nginx-ingress-controller").Spec.Template.Spec.Containers.Single(c => c.Name == "nginx");
        Assert.That(service.Spec.Type, Is.EqualTo("LoadBalancer"));
        Assert.That(service.Spec.Ports.Select(port => port.TargetPort.Value), Is.EquivalentTo(new[] { "http", "https" }));
        Assert.That(nginx.Ports.Select(port => port.Name), Is.SupersetOf(new[] { "http", "https" }));
    }

    [Test]
    public void The_quickstart_example_applies_to_a_cluster_with_current_APIs_and_without_the_demos_EndpointSlice()
    {
        var objects = Kustomize.Build("examples/quickstart");

        Assert.That(objects.Select(item => item.GetType().Name), Is.EquivalentTo(new[] { nameof(V1Deployment), nameof(V1Service), nameof(V1Ingress) }));
        var ingress = objects.OfType<V1Ingress>().Single();
        Assert.That(ingress.ApiVersion, Is.EqualTo("networking.k8s.io/v1"));
        Assert.That(ingress.Metadata.Annotations["kubernetes.io/ingress.class"], Is.EqualTo("nginx"));
        Assert.That(objects.OfType<V1Deployment>().Single().ApiVersion, Is.EqualTo("apps/v1"));
    }
}
