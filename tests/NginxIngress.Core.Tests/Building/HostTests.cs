using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Hosts are validated as the Ingress API validates them (a lowercase DNS-1123 subdomain, optionally behind one
/// <c>*.</c> label, never an IP address), because the manifest source has no API server to do it.
/// </summary>
public sealed class HostTests
{
    private static readonly string[] Invalid =
    [
        "App.example.com", "app_1.example.com", "*", "*.*.example.com", "app.*.example.com", "*example.com",
        "app.example.com.", "-app.example.com", "app..example.com", "app example.com", "app.example.com:8080",
        "app\n.example.com", "1.2.3.4", "_", new string('a', 64) + ".example.com",
    ];

    private static IEnumerable<TestCaseData> InvalidHosts() =>
        Invalid.Select(host => new TestCaseData(host).SetArgDisplayNames(AnnotationReader.Printable(host)));

    [TestCaseSource(nameof(InvalidHosts))]
    public void Invalid_host_rule_is_rejected_and_the_other_rules_are_served(string host)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Path(host, "/bad").Path("good.example.com", "/good"));

        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Subject.ToString(), Is.EqualTo("Ingress default/app"));
            Assert.That(problem.Field, Is.EqualTo("spec.rules[0].host"));
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(problem.Reason, Is.EqualTo("InvalidHost"));
            Assert.That(result.Model.Servers.Select(s => s.Hostname), Is.EqualTo(new[] { "_", "good.example.com" }));
            Assert.That(result.Model.Server("_").Describe(), Is.EqualTo(new[] { "Prefix /" }), "a bad host never falls back to the catch-all");
        }
    }

    [TestCase("app.example.com")]
    [TestCase("*.example.com")]
    [TestCase("*.io")]
    [TestCase("localhost")]
    [TestCase("a.b.c.example.com")]
    [TestCase("1.2.3.4.nip.io")]
    [TestCase("10-0-0-1.nip.io")]
    [TestCase("123.example.com")]
    [TestCase("xn--bcher-kva.example")]
    public void Valid_host_gets_its_own_server(string host)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(host, "/"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(host).Location("/").Ingress, Is.EqualTo(Cluster.Key("app")));
    }

    [Test]
    public void Rule_without_host_serves_its_paths_on_the_catch_all_server()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path("", "/any-host"));

        Assert.That(result.Model.Servers.Select(s => s.Hostname), Is.EqualTo(new[] { "_" }));
        Assert.That(result.Model.Server("_").Location("/any-host").Ingress, Is.EqualTo(Cluster.Key("app")));
    }

    [Test]
    public void Servers_are_listed_catch_all_first_then_by_hostname()
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Path("b.example.com", "/").Path("*.example.com", "/").Path("a.example.com", "/"));

        Assert.That(result.Model.Servers.Select(s => s.Hostname), Is.EqualTo(new[] { "_", "*.example.com", "a.example.com", "b.example.com" }));
    }
}
