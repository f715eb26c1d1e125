using k8s;

namespace NginxIngress.Controller.Hosting;

/// <summary>
/// How the controller reaches the API server: the <c>--kubeconfig</c> file when given, else what kubectl would use
/// (KUBECONFIG, ~/.kube/config), else the pod's service account. The client's own token-file authentication
/// re-reads the projected service-account token as it rotates, so the token is never read here.
/// </summary>
internal static class ApiClientConfiguration
{
    /// <summary>Whether <see cref="Build"/> without a kubeconfig would find something to connect to.</summary>
    public static bool CanFindDefault() =>
        KubernetesClientConfiguration.IsInCluster()
        || Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 }
        || File.Exists(KubernetesClientConfiguration.KubeConfigDefaultLocation);

    /// <exception cref="k8s.Exceptions.KubeConfigException">No kubeconfig was found and this is not a pod.</exception>
    public static KubernetesClientConfiguration Build(string? kubeconfig) =>
        kubeconfig is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.BuildDefaultConfig();
}
