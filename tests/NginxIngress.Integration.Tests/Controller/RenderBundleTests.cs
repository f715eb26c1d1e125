using System.Text;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.Controller;
using NginxIngress.Integration.Tests.Tls;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>render</c> with TLS Secrets in the folder: the printed nginx.conf names certificate files by derived paths and
/// never holds key material; <c>--output-dir</c> writes the whole bundle, which a real <c>nginx -t</c> accepts.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RenderBundleTests
{
    private ManifestFolder _manifests = null!;
    private StringWriter _stdout = null!;
    private TextWriter _originalOut = null!;
    private string _bundle = null!;

    [SetUp]
    public void Prepare()
    {
        _manifests = new ManifestFolder();
        _bundle = Directory.CreateTempSubdirectory("render-bundle-").FullName;
        _stdout = new StringWriter();
        _originalOut = Console.Out;
        Console.SetOut(_stdout);
    }

    [TearDown]
    public void Restore()
    {
        Console.SetOut(_originalOut);
        _stdout.Dispose();
        _manifests.Dispose();
        Directory.Delete(_bundle, recursive: true);
    }

    [Test]
    public async Task Render_prints_certificate_paths_not_keys_and_writes_a_bundle_nginx_accepts()
    {
        var certificate = TestCertificates.SelfSigned("web.example.com", ["web.example.com"]);
        _manifests.Write("secret.yaml", TlsYaml.Secret("web-tls", certificate));
        _manifests.Write("ingress.yaml", TlsYaml.Ingress("web", "web.example.com", "web", "web-tls"));

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output-dir", _bundle, "--http-port", "18080", "--https-port", "18443", "--status-port", "18081"]);

        var printed = _stdout.ToString();
        Assert.That(exit, Is.Zero, "a missing Service is a warning: everything is rendered");
        Assert.That(printed, Does.Match("ssl_certificate \"certs/tls-[0-9a-f]{24}\\.pem\";"));
        Assert.That(printed, Does.Not.Contain("PRIVATE KEY").And.Not.Contain(certificate.PrivateKeyPem.Split('\n')[1]));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_bundle, "nginx.conf")), Is.EqualTo(printed));
        var files = Directory.EnumerateFiles(Path.Combine(_bundle, "certs")).Select(Path.GetFileName).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(2).And.Contains("default.pem"));
        var test = await Cli.Wrap("nginx").WithArguments(["-t", "-q", "-p", _bundle + "/", "-c", Path.Combine(_bundle, "nginx.conf"), "-e", "stderr"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.UTF8);
        Assert.That(test.ExitCode, Is.Zero, test.StandardError);
    }

    [Test]
    public async Task Two_renders_of_the_same_folder_print_the_same_bytes()
    {
        var certificate = TestCertificates.SelfSigned("web.example.com", ["web.example.com"]);
        _manifests.Write("secret.yaml", TlsYaml.Secret("web-tls", certificate));
        _manifests.WriteIngress("web", "web.example.com", "/", "web");

        await Program.Main(["render", "--manifests", _manifests.Path]);
        var first = _stdout.ToString();
        _stdout.GetStringBuilder().Clear();
        await Program.Main(["render", "--manifests", _manifests.Path]);

        Assert.That(_stdout.ToString(), Is.EqualTo(first), "the generated default certificate differs per process, and must not show");
    }
}
