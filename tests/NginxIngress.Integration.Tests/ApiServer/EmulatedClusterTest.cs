using k8s;
using k8s.Models;
using NginxIngress.TestKit.ApiServer;

namespace NginxIngress.Integration.Tests.ApiServer;

/// <summary>
/// A fresh emulator per test and the real KubernetesClient connected to it through a generated kubeconfig, so every
/// test also proves that the kubeconfig works.
/// </summary>
public abstract class EmulatedClusterTest
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private string _directory = "";

    protected ApiServerEmulator Emulator { get; private set; } = null!;

    protected k8s.Kubernetes Client { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Emulator = await ApiServerEmulator.StartAsync();
        _directory = Directory.CreateTempSubdirectory("emulator-").FullName;
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        Emulator.WriteKubeconfig(kubeconfig);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    [TearDown]
    public async Task StopEmulatorAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    protected static V1Ingress Ingress(string name, string ns = "default", string host = "example.test", IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1IngressSpec
        {
            Rules = [new V1IngressRule { Host = host }],
        },
    };

    /// <summary>Polls an observable fact until it holds or the deadline passes.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
