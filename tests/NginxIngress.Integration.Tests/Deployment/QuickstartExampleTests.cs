using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The quickstart example moved the tutorial to API versions a current cluster accepts. Moving must not change what
/// nginx does: it renders byte for byte the config of the tutorial's own legacy files.
/// </summary>
public sealed class QuickstartExampleTests
{
    [Test]
    public void The_quickstart_renders_the_same_nginx_conf_as_the_tutorials_own_files()
    {
        var quickstart = new ManifestSnapshotLoader().Load(RepoPaths.Quickstart);
        var tutorial = new ManifestSnapshotLoader().Load(RepoPaths.SeedTutorial);

        var fromQuickstart = ConfigPipeline.Run(quickstart.Snapshot, ControllerOptions.Default, NginxSettings.Default);
        var fromTutorial = ConfigPipeline.Run(tutorial.Snapshot, ControllerOptions.Default, NginxSettings.Default);

        Assert.That(quickstart.Issues, Is.Empty, "no legacy warnings: every object is on a current API");
        Assert.That(fromQuickstart.Problems, Is.Empty);
        Assert.That(fromQuickstart.Config.Servers.Select(server => server.ServerName), Does.Contain("alicek106.example.com"));
        Assert.That(fromQuickstart.Rendered.Text, Is.EqualTo(fromTutorial.Rendered.Text));
    }

    [Test]
    public void The_tls_example_serves_the_quickstart_host_with_its_Secrets_certificate_and_redirects_plain_http()
    {
        var folder = Directory.CreateTempSubdirectory("tls-example-").FullName;
        try
        {
            CopyFolder(RepoPaths.Quickstart, Path.Combine(folder, "quickstart"));
            File.Copy(Path.Combine(RepoPaths.Manifests, "examples", "tls", "ingress.yaml"), Path.Combine(folder, "tls-ingress.yaml"));
            var certificate = NginxIngress.TestKit.Tls.TestCertificates.SelfSigned("alicek106.example.com", ["alicek106.example.com"]);
            File.WriteAllText(Path.Combine(folder, "tls-secret.yaml"), $"""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: echo-hostname-tls
                type: kubernetes.io/tls
                data:
                  tls.crt: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.ChainPem))}
                  tls.key: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.PrivateKeyPem))}
                """);

            var loaded = new ManifestSnapshotLoader().Load(folder);
            var result = ConfigPipeline.Run(loaded.Snapshot, ControllerOptions.Default, NginxSettings.Default);

            Assert.That(result.Problems, Is.Empty);
            var server = result.Config.Servers.Single(server => server.ServerName == "alicek106.example.com");
            Assert.That(server.CertificateFile, Is.Not.Null);
            Assert.That(server.Locations.Where(location => location.Owner is not null).Select(location => location.HttpsRedirect), Is.All.True);
            Assert.That(result.Config.Files.Single(file => file.RelativePath == server.CertificateFile).Content, Does.StartWith(certificate.CertificatePem));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
