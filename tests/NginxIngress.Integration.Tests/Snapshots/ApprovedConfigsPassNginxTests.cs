using System.Text;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Snapshots;

/// <summary>
/// Every approved snapshot config is one real nginx accepts. The snapshot tests prove the text did not change;
/// this proves the text is nginx.conf at all, so an approved file can never pin a config nginx would refuse to load.
/// </summary>
[TestFixture]
public sealed partial class ApprovedConfigsPassNginxTests
{
    private static readonly Lazy<Core.Tls.TlsCertificate> AnyCertificate = new(() => Core.Tls.FakeCertificate.Generate(DateTimeOffset.UtcNow));

    private static readonly string CasesFolder = Path.Combine(RepoPaths.Root, "tests", "NginxIngress.Nginx.Tests", "cases");

    private static IEnumerable<TestCaseData> ApprovedConfigs() =>
        Directory.EnumerateFiles(CasesFolder, "nginx.approved.conf", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(Path.GetDirectoryName(path))!));

    [Test]
    public void There_are_approved_configs_to_check()
    {
        Assert.That(ApprovedConfigs().Count(), Is.GreaterThanOrEqualTo(18));
    }

    [TestCaseSource(nameof(ApprovedConfigs))]
    public async Task Approved_config_passes_nginx_syntax_and_semantics_check(string approvedConfig)
    {
        var nginx = NginxBinary();
        // A fresh prefix per config: the configs keep their pid and temp paths relative to -p, and -e keeps
        // nginx from opening its compiled-in error log before it has read ours.
        var prefix = Directory.CreateTempSubdirectory("approved-config-").FullName;
        try
        {
            var config = Path.Combine(prefix, "nginx.conf");
            File.Copy(approvedConfig, config);
            // The certificate files of the bundle are not in the snapshot (only their paths are): any valid pair
            // lets nginx -t load each one the config names.
            foreach (var certificateFile in CertificateFiles().Matches(await File.ReadAllTextAsync(approvedConfig)).Select(match => match.Groups[1].Value).Distinct())
            {
                var path = Path.Combine(prefix, certificateFile);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, AnyCertificate.Value.CertificatePem + AnyCertificate.Value.PrivateKeyPem);
            }

            var result = await Cli.Wrap(nginx)
                .WithArguments(["-t", "-q", "-p", prefix + "/", "-c", config, "-e", "stderr"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8);

            Assert.That(result.ExitCode, Is.Zero,
                $"nginx -t rejected {Path.GetRelativePath(RepoPaths.Root, approvedConfig)}:\n{result.StandardError}");
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"ssl_certificate(?:_key)? ""([^""]+)"";")]
    private static partial System.Text.RegularExpressions.Regex CertificateFiles();

    /// <summary>NGINX_BINARY wins, then Debian's /usr/sbin/nginx, then PATH. CI installs nginx, so absence is a failure.</summary>
    private static string NginxBinary()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("NGINX_BINARY"), "/usr/sbin/nginx" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "nginx")));
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path))
            ?? throw new AssertionException("nginx is not installed: set NGINX_BINARY or install nginx (apt-get install nginx).");
    }
}
