using System.Net;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// A Secret replaced with a new certificate (cert-manager renewing one) is served from the next reload on, while
/// traffic goes on: no request fails, neither on kept-alive connections nor on new ones, and every new handshake
/// after the reload presents the new certificate. Not parallel: the load should have the machine's cores.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RotationUnderLoadTests
{
    private const string Host = "app.example";
    private const string SecretName = "app-tls";

    /// <summary>Answers each client must get while a certificate is live, so that the load really spans every certificate.</summary>
    private const int RequestsPerPhase = 300;

    private static readonly TimeSpan PhaseLength = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Secret_replaced_twice_under_load_fails_no_request_and_each_new_handshake_gets_the_new_certificate()
    {
        var certificates = Renewals();
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret(SecretName, certificates[0]) + TlsYaml.Ingress("app", Host, "app", SecretName), ["app"]);
        var (address, port) = (cluster.Nginx.Address, cluster.Nginx.HttpsPort);
        Assert.That(TlsHandshake.Fingerprint(await TlsHandshake.PresentedAsync(address, port, Host)), Is.EqualTo(certificates[0].Sha256Fingerprint));

        var phases = new List<string>();
        await using var load = TlsLoad.Start(address, port, Host, "app");
        phases.Add(await load.RunPhaseAsync("v1", certificates[0].Sha256Fingerprint, RequestsPerPhase, PhaseLength, Patience));
        for (var i = 1; i < certificates.Count; i++)
        {
            cluster.Apply(TlsYaml.Secret(SecretName, certificates[i]));
            await cluster.ReconcileAsync();

            // The fixture returns once nginx serves the new version and the old workers are gone: from now on, every
            // new handshake must present the new certificate. (A handshake with an old worker keeps that worker alive
            // until its request is answered, so none of them can still be counted after this point.)
            var oldHandshakes = load.Clients.Sum(client => client.Handshakes(certificates[i - 1].Sha256Fingerprint));
            using var presented = await TlsHandshake.PresentedAsync(address, port, Host);
            Assert.That(TlsHandshake.Fingerprint(presented), Is.EqualTo(certificates[i].Sha256Fingerprint), $"a new handshake after rotation {i}");
            phases.Add(await load.RunPhaseAsync($"v{i + 1}", certificates[i].Sha256Fingerprint, RequestsPerPhase, PhaseLength, Patience));
            Assert.That(load.Clients.Sum(client => client.Handshakes(certificates[i - 1].Sha256Fingerprint)), Is.EqualTo(oldHandshakes),
                $"no load handshake presented v{i} once rotation {i} was served");
        }
        await load.StopAsync();

        Report(load, phases, certificates);
        Assert.That(load.Failed, Is.Zero, load.Describe(Labels(certificates)));
        Assert.That(cluster.LastResult!.Problems, Is.Empty);
    }

    /// <summary>
    /// The same through the whole controller (<c>nginx-ingress run --manifests</c>): the edited Secret file is noticed,
    /// rendered, written and reloaded by the production applier, whose nginx then presents the new certificate.
    /// </summary>
    [Test]
    public async Task Controller_serves_each_renewed_secret_under_load_without_failing_a_request()
    {
        var certificates = Renewals();
        using var manifests = new ManifestFolder();
        await using var backend = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "app", "app-1");
        manifests.WriteService("app", new IPEndPoint(backend.Address, backend.Port));
        manifests.Write("app-ingress.yaml", TlsYaml.Ingress("app", Host, "app", SecretName));
        WriteAtomically(manifests, "app-tls.yaml", TlsYaml.Secret(SecretName, certificates[0]));
        await using var controller = await RunningController.StartAsync(manifests.Path);
        var (address, port) = (IPAddress.Loopback, controller.Settings.Nginx.HttpsPort);
        await RunningController.EventuallyAsync(() => TlsHandshake.PresentsAsync(address, port, Host, certificates[0].Sha256Fingerprint), Patience,
            "nginx presents the first certificate");

        var phases = new List<string>();
        await using var load = TlsLoad.Start(address, port, Host, "app");
        phases.Add(await load.RunPhaseAsync("v1", certificates[0].Sha256Fingerprint, RequestsPerPhase, PhaseLength, Patience));
        for (var i = 1; i < certificates.Count; i++)
        {
            WriteAtomically(manifests, "app-tls.yaml", TlsYaml.Secret(SecretName, certificates[i]));
            var took = await RunningController.EventuallyAsync(() => TlsHandshake.PresentsAsync(address, port, Host, certificates[i].Sha256Fingerprint), Patience,
                $"a new handshake presents the certificate of renewal {i}");
            TestContext.Out.WriteLine($"renewal {i}: edit to new certificate in {took.TotalMilliseconds:F0} ms");
            phases.Add(await load.RunPhaseAsync($"v{i + 1}", certificates[i].Sha256Fingerprint, RequestsPerPhase, PhaseLength, Patience));
        }
        await load.StopAsync();

        Report(load, phases, certificates);
        Assert.That(load.Failed, Is.Zero, load.Describe(Labels(certificates)));
    }

    /// <summary>Three certificates for the host, as three renewals would issue them: same names, new keys.</summary>
    private static List<TestCertificate> Renewals() =>
        [.. Enumerable.Range(0, 3).Select(_ => TestCertificates.SelfSigned(Host, [Host]))];

    private static Dictionary<string, string> Labels(IReadOnlyList<TestCertificate> certificates) =>
        certificates.Select((certificate, i) => (certificate.Sha256Fingerprint, $"v{i + 1}")).ToDictionary();

    private static void Report(TlsLoad load, IReadOnlyList<string> phases, IReadOnlyList<TestCertificate> certificates)
    {
        foreach (var phase in phases)
        {
            TestContext.Out.WriteLine(phase);
        }
        TestContext.Out.WriteLine(load.Describe(Labels(certificates)));
    }

    /// <summary>As <c>git checkout</c> or a config sync replaces a file: the controller never reads half of it.</summary>
    private static void WriteAtomically(ManifestFolder manifests, string fileName, string text)
    {
        var path = Path.Combine(manifests.Path, fileName);
        // ".tmp" is not a manifest extension, so the controller ignores the file until it gets its name.
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
