using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Scenarios;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>
/// A certificate nginx cannot use for its host leaves that host on the default certificate, with a Warning naming
/// the Secret, the host and the reason, while every other host keeps its own; one that has expired (or soon will)
/// is still served, with a Warning naming the date. Key text never reaches a message or nginx.conf.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class BadCertificateTests
{
    private static readonly TestCertificate Good = TestCertificates.SelfSigned("good.example", ["good.example"]);
    private static readonly TestCertificate ForBad = TestCertificates.SelfSigned("bad.example", ["bad.example"]);
    private static readonly TestCertificate ForOther = TestCertificates.SelfSigned("other.example", ["other.example"]);

    /// <summary>The Secret <c>bad-tls</c> that the host bad.example names, for each way of getting it wrong.</summary>
    private static string BadSecret(string fault) => fault switch
    {
        "missing Secret" => "",
        "key of another certificate" => TlsYaml.Secret("bad-tls", ForBad.CertificatePem, ForOther.PrivateKeyPem),
        "tls.crt not PEM" => TlsYaml.Secret("bad-tls", "this is not a certificate", ForBad.PrivateKeyPem),
        "certificate and key swapped" => TlsYaml.Secret("bad-tls", ForBad.PrivateKeyPem, ForBad.CertificatePem),
        "certificate for another host" => TlsYaml.Secret("bad-tls", ForOther),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static string GoodHost() => TlsYaml.Secret("good-tls", Good) + TlsYaml.Ingress("good", "good.example", "good", "good-tls");

    [TestCase("missing Secret", "SecretNotFound")]
    [TestCase("key of another certificate", "InvalidCertificate")]
    [TestCase("tls.crt not PEM", "InvalidCertificate")]
    [TestCase("certificate and key swapped", "InvalidCertificate")]
    [TestCase("certificate for another host", "CertificateHostMismatch")]
    public async Task Unusable_certificate_leaves_its_host_on_the_default_and_spares_the_others(string fault, string reason)
    {
        await using var cluster = await TlsCluster.StartAsync(
            BadSecret(fault) + TlsYaml.Ingress("bad", "bad.example", "bad", "bad-tls") + GoodHost(),
            ["bad", "good"]);

        var bad = await cluster.HttpsAsync("bad.example");
        var good = await cluster.HttpsAsync("good.example");

        var problems = cluster.LastResult!.Problems;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TlsHandshake.CommonName(bad.ServerCertificate!), Is.EqualTo(TlsHandshake.FakeCommonName), "bad.example falls back to the default");
            ResponseAssert.ServedBy(bad, "bad");
            Assert.That(TlsHandshake.Fingerprint(good.ServerCertificate!), Is.EqualTo(Good.Sha256Fingerprint), "good.example keeps its own");
            ResponseAssert.ServedBy(good, "good");
            Assert.That(problems, Has.Exactly(1).Items, string.Join(Environment.NewLine, problems));
            var problem = problems.FirstOrDefault();
            Assert.That(problem?.Reason, Is.EqualTo(reason));
            Assert.That(problem?.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(problem?.Subject.ToString(), Is.EqualTo("Ingress default/bad"));
            Assert.That(problem?.Message, Does.Contain("default/bad-tls").And.Contain("\"bad.example\""));
        }
        SecretText.AssertAbsent(cluster, ForBad, ForOther, Good);
    }

    /// <param name="daysLeft">Negative: expired that many days ago.</param>
    [TestCase(-3, "CertificateExpired")]
    [TestCase(5, "CertificateExpiring")]
    public async Task Expired_or_expiring_certificate_is_still_served_with_a_warning_naming_the_date(int daysLeft, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        var ageing = TestCertificates.SelfSigned("old.example", ["old.example"], notBefore: now.AddDays(-90), notAfter: now.AddDays(daysLeft), ecdsa: true);
        using var parsed = X509CertificateLoader.LoadCertificate(ageing.CertificateDer);
        var notAfter = parsed.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await using var cluster = await TlsCluster.StartAsync(
            TlsYaml.Secret("old-tls", ageing) + TlsYaml.Ingress("old", "old.example", "old", "old-tls"),
            ["old"]);

        var response = await cluster.HttpsAsync("old.example");

        var problems = cluster.LastResult!.Problems;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TlsHandshake.Fingerprint(response.ServerCertificate!), Is.EqualTo(ageing.Sha256Fingerprint));
            ResponseAssert.ServedBy(response, "old");
            Assert.That(problems, Has.Exactly(1).Items, string.Join(Environment.NewLine, problems));
            var problem = problems.FirstOrDefault();
            Assert.That(problem?.Reason, Is.EqualTo(reason));
            Assert.That(problem?.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(problem?.Message, Does.Contain(notAfter).And.Contain("default/old-tls").And.Contain("\"old.example\""));
        }
    }

    /// <summary>Every fault at once, each on its own host, beside a good host: the key of each is in play somewhere.</summary>
    [Test]
    public async Task Problems_and_nginx_conf_never_show_key_text()
    {
        string[] faults = ["missing Secret", "key of another certificate", "tls.crt not PEM", "certificate and key swapped", "certificate for another host"];
        var yaml = string.Concat(faults.Select((fault, i) =>
            BadSecret(fault).Replace("bad-tls", $"bad-{i}-tls", StringComparison.Ordinal)
            + TlsYaml.Ingress($"bad-{i}", $"bad-{i}.example", "bad", $"bad-{i}-tls")));
        await using var cluster = await TlsCluster.StartAsync(yaml + GoodHost(), ["bad", "good"]);

        Assert.That(cluster.LastResult!.Problems, Has.Length.EqualTo(faults.Length), string.Join(Environment.NewLine, cluster.LastResult.Problems));
        Assert.That(cluster.LastResult.Rendered.Files.Select(file => file.Content), Has.Some.Contains("PRIVATE KEY"),
            "the good host's key is in the bundle's files, the only place it belongs");
        SecretText.AssertAbsent(cluster, ForBad, ForOther, Good);
    }
}
