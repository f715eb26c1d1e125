using NginxIngress.Core.Annotations;
using NginxIngress.Core.Settings;
using NginxIngress.TestKit.Hostile;

namespace NginxIngress.Nginx.Tests.Hostile;

/// <summary>
/// Injection-proof by construction: every value of hostile-values.txt, written in every place a Kubernetes object's
/// author can write one (every registered annotation and ConfigMap key, an Ingress path, host, TLS secret name and
/// backend Service name), is refused with a Problem naming that place, or reaches nginx.conf inert. The places come
/// from the registries, so annotations and keys added later are covered without a change here. nginx -t on every
/// distinct config is in NginxIngress.Integration.Tests (HostileCorpusNginxTests).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HostileCorpusTests
{
    private static IEnumerable<TestCaseData> Targets() =>
        HostileTargets.All.Select(target => new TestCaseData(target).SetArgDisplayNames(target.Name));

    [TestCaseSource(nameof(Targets))]
    public void Every_hostile_value_is_refused_with_a_problem_naming_the_place_or_rendered_inert(HostileTarget target)
    {
        var outcomes = HostileCorpus.Run(target, HostileValues.All).ToList();

        var wrong = outcomes.Where(outcome => outcome.Verdict == HostileVerdict.Broken || (target.MustBeRejected && outcome.Verdict != HostileVerdict.Rejected)).ToList();
        TestContext.Out.WriteLine($"{target.Name}: {outcomes.Count(o => o.Verdict == HostileVerdict.Rejected)} refused, {outcomes.Count(o => o.Verdict == HostileVerdict.Inert)} inert");
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    /// <summary>Snippets under closed gates are refused whatever they hold: there is nothing benign to compare with.</summary>
    private static IEnumerable<TestCaseData> ComparedTargets() =>
        HostileTargets.All.Where(target => !target.MustBeRejected).Select(target => new TestCaseData(target).SetArgDisplayNames(target.Name));

    [TestCaseSource(nameof(ComparedTargets))]
    public void Every_place_has_a_benign_example_the_controller_accepts(HostileTarget target)
    {
        var result = HostileCorpus.Render(target, target.Benign);

        Assert.That(HostileCorpus.ProblemsNaming(target, result).Concat(result.Problems.Where(p => p.Reason == "InternalError")), Is.Empty,
            $"\"{target.Benign}\" is not accepted for {target.Name}: add an accepted example to HostileTargets.Examples");
    }

    [Test]
    public void Every_registered_annotation_and_configmap_key_is_a_place_the_corpus_writes()
    {
        var names = HostileTargets.All.Select(target => target.Name).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(AnnotationRegistry.All.Select(spec => $"annotation {spec.Name}"), Is.SubsetOf(names));
            Assert.That(ConfigMapKeyRegistry.All.Where(spec => !HostileTargets.IsRawNginxByDesign(spec)).Select(spec => $"configmap {spec.Key}"), Is.SubsetOf(names));
            Assert.That(names, Does.Contain("ingress path (ImplementationSpecific)").And.Contain("ingress host").And.Contain("tls secretName").And.Contain("backend service name"));
        });
    }

    [Test]
    public void A_critical_or_snippet_annotation_must_be_refused_while_the_gates_are_closed_and_configmap_snippets_are_left_out()
    {
        var snippet = AnnotationRegistry.RewriteTarget with { Name = "configuration-snippet", Risk = AnnotationRisk.Critical };

        Assert.Multiple(() =>
        {
            Assert.That(HostileTargets.IsRawNginxByDesign(snippet), Is.True);
            Assert.That(HostileTargets.IsRawNginxByDesign(snippet with { Risk = AnnotationRisk.High }), Is.True, "named *-snippet");
            Assert.That(HostileTargets.IsRawNginxByDesign(AnnotationRegistry.RewriteTarget), Is.False);
            Assert.That(AnnotationGates.Default.RiskLevel, Is.LessThan(AnnotationRisk.Critical), "the default gate refuses Critical annotations");
            Assert.That(HostileTargets.IsRawNginxByDesign(new ConfigMapKeySpec("http-snippet", "nginx text", "", "")), Is.True, "the operator's own snippets are left out");
            Assert.That(HostileTargets.IsRawNginxByDesign(ConfigMapKeyRegistry.SslCiphers), Is.False);
        });
    }

    [Test]
    public void The_corpus_holds_every_character_and_payload_of_the_injection_history()
    {
        var values = HostileValues.All;
        string[] required = [";", "{", "}", "\"", "'", "\\", "$", "#", "`", "\n", "\r", "ssl_engine", "load_module", "_by_lua", "/var/run/secrets", "/etc/nginx", "# }", "\"; }"];

        Assert.Multiple(() =>
        {
            foreach (var text in required)
            {
                Assert.That(values.Any(value => value.Contains(text, StringComparison.Ordinal)), $"no value holds \"{HostileValues.Show(text)}\"");
            }
            Assert.That(values, Has.Count.GreaterThanOrEqualTo(60));
        });
    }

    [TestCase("rewrite \"(?i)/a\" \"/$1\" break;", "rewrite \"(?i)/a\" \"/$http_authorization\" break;", "/$1", "reads the variable(s) $http_authorization")]
    [TestCase("rewrite \"(?i)/a\" \"/$1\" break;", "rewrite \"(?i)/a\" \"/$\" break;", "/$1", "would fail nginx -t")]
    [TestCase("return 301 \"https://a/\";", "return 301 \"https://a/${host}\";", "https://a/", "reads the variable(s) $host")]
    [TestCase("map $a $b { default \"x\"; }", "map $a $b { default \"$cookie_session\"; }", "x", "reads the variable(s) $cookie_session")]
    [TestCase("location \"/a\" { return 404; }", "location \"/a\" { return 404; } location \"/b\" { return 200; }", "/a", "statement 3")]
    [TestCase("location \"/a\" { return 404; } error_log \"x\";", "location \"/b\" { return 404; } error_log \"/b\";", "/a", "error_log argument 1")]
    public void The_judge_calls_a_value_that_reads_a_variable_or_lands_elsewhere_broken(string benign, string hostile, string printedBenign, string why)
    {
        var (verdict, detail) = HostileCorpus.Judge(NginxConfTokenizer.Parse(benign), NginxConfTokenizer.Parse(hostile), printedBenign);

        Assert.That(verdict, Is.EqualTo(HostileVerdict.Broken));
        Assert.That(detail, Does.Contain(why));
    }

    [Test]
    public void The_judge_calls_a_literal_dollar_inert()
    {
        var (verdict, _) = HostileCorpus.Judge(NginxConfTokenizer.Parse("return 301 \"https://a/\";"),
            NginxConfTokenizer.Parse("return 301 \"https://a/${dollar}host\";"), "https://a/");

        Assert.That(verdict, Is.EqualTo(HostileVerdict.Inert));
    }

    [TestCase(@"a\nb", "a\nb")]
    [TestCase(@"a\r\nb", "a\r\nb")]
    [TestCase(@"\\", "\\")]
    [TestCase(@"\\n", "\\n")]
    [TestCase(@"\d+", "\\d+")]
    [TestCase(@"\s/app\s", " /app ")]
    public void Corpus_lines_decode_their_documented_escapes(string line, string value)
    {
        Assert.That(HostileValues.Decode(line), Is.EqualTo(value));
    }
}
