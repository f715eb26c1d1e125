using System.Globalization;
using System.Net;
using System.Text;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// Zero failed requests while backends roll and the config reloads: the controller with its real nginx, client
/// traffic on keep-alive connections throughout, rolling updates that replace each endpoint one by one (the new
/// pod is added before the old one is removed, and the old one stops only once the config without it is live, as
/// a pod's preStop grace gives it in a cluster), and reloads forced by unrelated Ingress edits in between.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ChurnTests
{
    private const int Pods = 3;
    private const int Rollouts = 3;
    private const int ForcedReloads = 10;
    private const string Host = "web.example.com";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Rolling_backends_and_forced_reloads_fail_no_request_and_reload_once_per_change()
    {
        using var manifests = new ManifestFolder();
        var started = new HashSet<string>();
        var live = new List<EchoBackend>();
        // The pods of a Service share the target port; each has an address of its own, as pods have.
        var port = FreePort.On(IPAddress.Loopback);
        async Task<EchoBackend> StartPodAsync(string name)
        {
            lock (started)
            {
                started.Add(name);
            }
            return await EchoBackend.StartAsync(LoopbackAddresses.Next(), port, "web", name);
        }
        try
        {
            for (var i = 0; i < Pods; i++)
            {
                live.Add(await StartPodAsync($"web-0-{i}"));
            }
            manifests.Write("web-service.yaml", RoutingYaml.Service("web", targetPort: port.ToString(CultureInfo.InvariantCulture)));
            WriteAtomically(manifests, "web-slice.yaml", Slice(port, live));
            manifests.WriteIngress("web", Host, "/", "web");
            await using var controller = await RunningController.StartAsync(manifests.Path);
            await WaitLiveAsync(controller, live, [], "the first config");
            var initialReloads = controller.Loop.Reloads.Count;

            var (changes, replaced) = (0, 0);
            await using (var load = new LoadLoop(new Uri($"http://127.0.0.1:{controller.Settings.Nginx.HttpPort}/"), Host, workers: 2, pod =>
            {
                lock (started)
                {
                    return started.Contains(pod);
                }
            }))
            {
                for (var rollout = 1; rollout <= Rollouts; rollout++)
                {
                    for (var i = 0; i < Pods; i++)
                    {
                        var old = live[0];
                        var fresh = await StartPodAsync($"web-{rollout}-{i}");
                        live.Add(fresh);
                        WriteAtomically(manifests, "web-slice.yaml", Slice(port, live));
                        await WaitLiveAsync(controller, live, [], $"rollout {rollout}: {fresh.Pod} added");
                        live.Remove(old);
                        WriteAtomically(manifests, "web-slice.yaml", Slice(port, live));
                        await WaitLiveAsync(controller, live, [old], $"rollout {rollout}: {old.Pod} removed");
                        await old.DisposeAsync();
                        changes += 2;
                        if (++replaced <= ForcedReloads)
                        {
                            await ForceReloadAsync(controller, manifests, replaced);
                        }
                    }
                }
                for (var reload = Rollouts * Pods + 1; reload <= ForcedReloads; reload++)
                {
                    await ForceReloadAsync(controller, manifests, reload);
                }
                // Traffic reaches the last rollout's pods, not only the config.
                await RunningController.EventuallyAsync(() => Task.FromResult(live.All(pod => pod.RequestCount > 0)), Patience, "every current pod answers requests");
                await load.DisposeAsync();

                var reloads = controller.Loop.Reloads.Count - initialReloads;
                TestContext.Out.WriteLine($"{load.Answered} requests answered, {load.Failures.Count} failed, {load.Retried} sent again after their keep-alive connection closed; {reloads} reloads for {changes} endpoint changes and {ForcedReloads} forced reloads");
                Assert.Multiple(() =>
                {
                    Assert.That(load.Failures, Is.Empty, "every request is answered 200 by a pod that was started");
                    Assert.That(load.Answered, Is.GreaterThan(0));
                    Assert.That(reloads, Is.LessThanOrEqualTo(changes + ForcedReloads), "at most one reload per change that alters the config");
                    Assert.That(controller.Loop.FailedApplies, Is.Zero);
                });
            }
        }
        finally
        {
            foreach (var pod in live)
            {
                await pod.DisposeAsync();
            }
        }
    }

    /// <summary>An edit to another Ingress: a new config, so a reload, that does not touch the Service under load.</summary>
    private static async Task ForceReloadAsync(RunningController controller, ManifestFolder manifests, int n)
    {
        var host = $"reload-{n}.example.com";
        manifests.WriteIngress("other", host, "/", "web");
        await RunningController.EventuallyAsync(() => Task.FromResult(LiveText(controller) is { } text && text.Contains(host, StringComparison.Ordinal)),
            Patience, $"forced reload {n} is live");
    }

    /// <summary>Waits until nginx serves a config whose upstream lists exactly <paramref name="present"/> and none of <paramref name="absent"/>.</summary>
    private static Task WaitLiveAsync(RunningController controller, IReadOnlyList<EchoBackend> present, IReadOnlyList<EchoBackend> absent, string what) =>
        RunningController.EventuallyAsync(() => Task.FromResult(LiveText(controller) is { } text
            && present.All(pod => text.Contains($"\"{pod.Address}:{pod.Port}\"", StringComparison.Ordinal))
            && !absent.Any(pod => text.Contains($"\"{pod.Address}:{pod.Port}\"", StringComparison.Ordinal))),
            Patience, what);

    /// <summary>The live nginx.conf once nginx verifiably serves it (it holds the version the loop last saw live); null until then.</summary>
    private static string? LiveText(RunningController controller)
    {
        var version = controller.Loop.Reloads.Version;
        if (version is null || !File.Exists(controller.LiveConfigPath))
        {
            return null;
        }
        var text = File.ReadAllText(controller.LiveConfigPath);
        return text.Contains(version, StringComparison.Ordinal) ? text : null;
    }

    private static string Slice(int port, IEnumerable<EchoBackend> pods)
    {
        var yaml = new StringBuilder($"""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-1
              labels:
                kubernetes.io/service-name: web
            addressType: IPv4
            ports:
            - name: http
              port: {port}
            endpoints:

            """);
        foreach (var pod in pods)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                - addresses: ["{pod.Address}"]
                  conditions:
                    ready: true

                """);
        }
        return yaml.ToString();
    }

    /// <summary>Write then rename, as kubectl or a GitOps sync would replace a file: the watcher never reads it half-written.</summary>
    private static void WriteAtomically(ManifestFolder manifests, string fileName, string text)
    {
        var path = Path.Combine(manifests.Path, fileName);
        File.WriteAllText(path + ".partial", text);
        File.Move(path + ".partial", path, overwrite: true);
    }
}
