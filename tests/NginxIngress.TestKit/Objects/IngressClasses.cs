using k8s.Models;

namespace NginxIngress.TestKit.Objects;

public static class IngressClasses
{
    public const string IngressNginxController = "k8s.io/ingress-nginx";

    /// <summary>The IngressClass deploy.yaml ships: <c>nginx</c>, controller <c>k8s.io/ingress-nginx</c>.</summary>
    public static V1IngressClass Nginx() => Create("nginx", IngressNginxController);

    public static V1IngressClass Create(string name, string controller) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "IngressClass",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1IngressClassSpec { Controller = controller },
    };
}
