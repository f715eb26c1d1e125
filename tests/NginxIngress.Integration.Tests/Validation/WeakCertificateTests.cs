using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Integration.Tests.Validation;

/// <summary>
/// A certificate nginx's OpenSSL refuses would make nginx -t reject the whole config. The controller refuses it
/// first, for its host alone: the host keeps the default certificate, says why, and the config passes nginx -t.
/// </summary>
[TestFixture]
public sealed class WeakCertificateTests
{
    [Test]
    public async Task A_1024_bit_key_leaves_its_host_on_the_default_certificate_and_the_config_passes_nginx_t()
    {
        using var weakKey = RSA.Create(1024);
        var request = new CertificateRequest("CN=weak.example.com", weakKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var weak = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "weak-tls", NamespaceProperty = "default" },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = Encoding.ASCII.GetBytes(weak.ExportCertificatePem()),
                ["tls.key"] = Encoding.ASCII.GetBytes(weakKey.ExportPkcs8PrivateKeyPem()),
            },
        };
        var ingress = new IngressBuilder("weak").Path("weak.example.com", "/").Tls("weak-tls", "weak.example.com").Build();
        var scratch = Directory.CreateTempSubdirectory("weak-certificate-").FullName;
        try
        {
            var validator = new NginxBinaryValidator("nginx", scratch);
            // The premise: nginx itself refuses this certificate.
            var raw = ConfigPipeline.Run(SnapshotBuilder.WithNginxClass([]), ControllerOptions.Default, NginxSettings.Default).Rendered;
            var withWeakDefault = raw with { Files = raw.Files.Select(file => file with { Content = weak.ExportCertificatePem() + "\n" + weakKey.ExportPkcs8PrivateKeyPem() }).ToEquatableArray() };
            Assert.That((await validator.ValidateAsync(withWeakDefault, CancellationToken.None)).IsValid, Is.False, "nginx -t refuses a 1024-bit key");

            var result = ConfigPipeline.Run(SnapshotBuilder.WithNginxClass([ingress, secret]), ControllerOptions.Default, NginxSettings.Default);

            var problem = result.Problems.Single(problem => problem.Reason == "InvalidCertificate");
            Assert.That(problem.Message, Does.Contain("1024 bits").And.Contain("weak.example.com"));
            Assert.That(result.Config.Servers.Single(server => server.ServerName == "weak.example.com").CertificateFile, Is.Null);
            Assert.That((await validator.ValidateAsync(result.Rendered, CancellationToken.None)).IsValid, Is.True);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
