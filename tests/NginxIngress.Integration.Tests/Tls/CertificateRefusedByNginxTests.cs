using System.Net;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// A certificate the controller's own checks accept but nginx's OpenSSL refuses (here: a chain whose intermediate
/// is signed with SHA-1, "ca md too weak") makes nginx -t fail. The controller traces the failure to that Secret and
/// takes away only its hosts' certificate: their routes stay, served with the default certificate, and every other
/// host keeps its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CertificateRefusedByNginxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_certificate_nginx_refuses_costs_only_its_hosts_tls_and_is_reported_with_nginxs_words()
    {
        using var manifests = new ManifestFolder();
        await using var web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        manifests.WriteService("web", new IPEndPoint(web.Address, web.Port));
        var good = TestCertificates.SelfSigned("good.example.com", ["good.example.com"]);
        var (chain, key) = await WeakChainAsync("weak.example.com");
        manifests.Write("secrets.yaml", TlsYaml.Secret("good-tls", good) + TlsYaml.Secret("weak-tls", chain, key));
        manifests.Write("good.yaml", TlsYaml.Ingress("good", "good.example.com", "web", "good-tls"));
        manifests.Write("weak.yaml", TlsYaml.Ingress("weak", "weak.example.com", "web", "weak-tls"));

        await using var controller = await RunningController.StartAsync(manifests.Path);
        var https = controller.Settings.Nginx.HttpsPort;

        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "a config goes live");
        var refusal = controller.Loop.ReportedProblems.Single(problem => problem.Reason == "InvalidCertificate");
        Assert.That(refusal.Message, Does.Contain("nginx refused the certificate in Secret default/weak-tls").And.Contain("ca md too weak"));
        Assert.That(controller.Loop.ReportedProblems.Where(problem => problem.Reason == "RejectedByNginx"), Is.Empty, "no Ingress was excluded");
        var weakHost = await TlsHandshake.PresentedAsync(IPAddress.Loopback, https, "weak.example.com");
        Assert.That(TlsHandshake.CommonName(weakHost), Is.EqualTo("Kubernetes Ingress Controller Fake Certificate"));
        Assert.That(await TlsHandshake.PresentsAsync(IPAddress.Loopback, https, "good.example.com", good.Sha256Fingerprint), Is.True);
        using var redirect = await controller.GetAsync("weak.example.com", "/");
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect), "the weak host's routes are still served");
    }

    /// <summary>
    /// A leaf (RSA-2048, SHA-256) issued by an intermediate that its root signed with SHA-1: the leaf alone looks fine.
    /// Made with the openssl command line, since .NET refuses to sign with SHA-1.
    /// </summary>
    private static async Task<(string Chain, string Key)> WeakChainAsync(string host)
    {
        var folder = Directory.CreateTempSubdirectory("weak-chain-").FullName;
        try
        {
            async Task OpenSsl(params string[] arguments)
            {
                var result = await Cli.Wrap("openssl").WithArguments(arguments).WithWorkingDirectory(folder)
                    .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
                Assert.That(result.ExitCode, Is.Zero, $"openssl {string.Join(' ', arguments)}: {result.StandardError}");
            }
            await File.WriteAllTextAsync(Path.Combine(folder, "ca.ext"), "basicConstraints=critical,CA:true\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "leaf.ext"), $"subjectAltName=DNS:{host}\n");
            await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Test Root", "-sha256", "-keyout", "root.key", "-out", "root.crt");
            await OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=Test Intermediate", "-keyout", "inter.key", "-out", "inter.csr");
            await OpenSsl("x509", "-req", "-in", "inter.csr", "-CA", "root.crt", "-CAkey", "root.key", "-CAcreateserial", "-days", "30", "-sha1", "-extfile", "ca.ext", "-out", "inter.crt");
            await OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", $"/CN={host}", "-keyout", "leaf.key", "-out", "leaf.csr");
            await OpenSsl("x509", "-req", "-in", "leaf.csr", "-CA", "inter.crt", "-CAkey", "inter.key", "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "leaf.ext", "-out", "leaf.crt");
            var chain = await File.ReadAllTextAsync(Path.Combine(folder, "leaf.crt")) + await File.ReadAllTextAsync(Path.Combine(folder, "inter.crt"));
            return (chain, await File.ReadAllTextAsync(Path.Combine(folder, "leaf.key")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
