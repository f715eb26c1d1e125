using System.Diagnostics;
using k8s;
using k8s.Models;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// Renders a kustomization under manifests/ with the real <c>kubectl kustomize</c>, as <c>kubectl apply -k</c> would,
/// and reads every object back through KubernetesClient's typed models, strictly, so a misspelt field fails.
/// </summary>
internal static class Kustomize
{
    public static IReadOnlyList<object> Build(string relativeFolder)
    {
        var folder = Path.Combine(RepoPaths.Manifests, relativeFolder);
        var start = new ProcessStartInfo("kubectl", ["kustomize", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = kubectl.StandardError.ReadToEndAsync();
        if (!kubectl.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            kubectl.Kill();
            Assert.Fail($"kubectl kustomize {relativeFolder} did not finish within 60 s");
        }
        Assert.That(kubectl.ExitCode, Is.Zero, $"kubectl kustomize {relativeFolder}: {errors.Result}");
        return KubernetesYaml.LoadAllFromString(output.Result, strict: true);
    }

    public static T Single<T>(IReadOnlyList<object> objects, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = objects.OfType<T>().Where(item => item.Name() == name).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"one {typeof(T).Name} named {name}");
        return found[0];
    }

    /// <summary>The base's Deployment as its file says, without kustomize: tests that only need its shape read this.</summary>
    public static V1Deployment BaseDeployment() =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(RepoPaths.Manifests, "base", "deployment.yaml")), strict: true)
            .OfType<V1Deployment>().Single();
}
