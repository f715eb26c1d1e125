using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>
/// Annotation values pass an allow-list (reference §1.3 enable-annotation-validation). A value that fails makes
/// the whole Ingress unserved: serving it without the annotation would serve something its author did not ask for.
/// </summary>
public sealed class AnnotationValidationTests
{
    private const string Host = "app.example.com";
    private const string Other = "other.example.com";

    private static readonly string[] BadTargets =
    [
        "/foo;", "/foo; return 200 pwned", "/{x}", "/a b", "/a?b=1", "/a\n", "/a\nproxy_pass http://evil", "'/x'", "\"/x\"", "/a\\b", "/a#b",

        // nginx expands the replacement: only $1-$9 are captures, any other "$" names a variable or fails nginx -t.
        "/$http_authorization", "$host", "/$", "/a$/b", "/$0", "/${1}", "/$_",
    ];

    private static IEnumerable<TestCaseData> InvalidTargets() =>
        BadTargets.Select(target => new TestCaseData(target).SetArgDisplayNames(AnnotationReader.Printable(target)));

    [Test]
    public void Rewrite_target_naming_a_request_variable_is_refused_with_a_problem_naming_the_annotation()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("leak").Nginx("rewrite-target", "/$http_authorization").Path(Host, "/a"));

        var problem = result.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Field, Is.EqualTo("metadata.annotations[nginx.ingress.kubernetes.io/rewrite-target]"));
            Assert.That(problem.Message, Does.Contain("\"/$http_authorization\" is not valid").And.Contain("$1 to $9"));
            Assert.That(result.Model.HasServer(Host), Is.False);
        });
    }

    [TestCaseSource(nameof(InvalidTargets))]
    public void Invalid_rewrite_target_leaves_the_whole_ingress_unserved(string target)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("bad").Nginx("rewrite-target", target).Path(Host, "/a").Path(Other, "/b"),
            new IngressBuilder("good").Path("good.example.com", "/"));

        AssertSkipped(result, "nginx.ingress.kubernetes.io/rewrite-target");
    }

    [TestCase("/")]
    [TestCase("/$1")]
    [TestCase("/$2/index.html")]
    [TestCase("api/v1")]
    [TestCase("/a-b_c.d~e:f")]
    [TestCase("/$1$2")]
    [TestCase("/$12")]
    public void Valid_rewrite_target_becomes_the_rewrite_of_each_path(string target)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Nginx("rewrite-target", target).Path(Host, "/(.*)", "ImplementationSpecific"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).Location("/(.*)").Rewrite?.Target, Is.EqualTo(target));
    }

    [TestCase("yes")]
    [TestCase("on")]
    [TestCase("tRuE")]
    [TestCase("true ")]
    [TestCase("")]
    public void Invalid_use_regex_value_leaves_the_whole_ingress_unserved(string value)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("bad").Nginx("use-regex", value).Path(Host, "/a").Path(Other, "/b"),
            new IngressBuilder("good").Path("good.example.com", "/"));

        AssertSkipped(result, "nginx.ingress.kubernetes.io/use-regex");
    }

    // Go's strconv.ParseBool spellings: what ingress-nginx users already wrote.
    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("TRUE", true)]
    [TestCase("t", true)]
    [TestCase("T", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("False", false)]
    [TestCase("FALSE", false)]
    [TestCase("f", false)]
    [TestCase("F", false)]
    [TestCase("0", false)]
    public void Use_regex_accepts_go_boolean_spellings(string value, bool promoted)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Nginx("use-regex", value).Path(Host, "/a"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).UseRegex, Is.EqualTo(promoted));
    }

    [TestCase("/api;")]
    [TestCase("/api$1")]
    [TestCase("/a b")]
    public void Invalid_x_forwarded_prefix_leaves_the_whole_ingress_unserved(string value)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("bad").Nginx("x-forwarded-prefix", value).Path(Host, "/a").Path(Other, "/b"),
            new IngressBuilder("good").Path("good.example.com", "/"));

        AssertSkipped(result, "nginx.ingress.kubernetes.io/x-forwarded-prefix");
    }

    [Test]
    public void Custom_annotations_prefix_is_read_instead_of_the_default_one()
    {
        var options = new ControllerOptions { AnnotationsPrefix = "ingress.example.com" };

        var result = Cluster.Build(options, Workload.Create(),
            new IngressBuilder("custom").Annotation("ingress.example.com/use-regex", "true").Path(Host, "/a.*", "ImplementationSpecific"),
            // Under a custom prefix the default prefix is just an unknown annotation: neither used nor validated.
            new IngressBuilder("default-prefix").Nginx("use-regex", "true").Nginx("rewrite-target", "/a;b").Path(Other, "/b"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Model.Server(Host).UseRegex, Is.True);
            Assert.That(result.Model.Server(Other).UseRegex, Is.False);
            Assert.That(result.Model.Server(Other).Location("/b").Rewrite, Is.Null);
        }
    }

    [Test]
    public void Custom_annotations_prefix_names_its_own_field_in_problems()
    {
        var options = new ControllerOptions { AnnotationsPrefix = "ingress.example.com" };

        var result = Cluster.Build(options, Workload.Create(),
            new IngressBuilder("bad").Annotation("ingress.example.com/rewrite-target", "/a b").Path(Host, "/a"));

        Assert.That(result.Problems.Single().Field, Is.EqualTo("metadata.annotations[ingress.example.com/rewrite-target]"));
        Assert.That(result.Model.HasServer(Host), Is.False);
    }

    private static void AssertSkipped(ModelBuildResult result, string annotation)
    {
        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Subject.ToString(), Is.EqualTo("Ingress default/bad"));
            Assert.That(problem.Field, Is.EqualTo($"metadata.annotations[{annotation}]"));
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(problem.Reason, Is.EqualTo("InvalidAnnotation"));
            Assert.That(problem.Message.Any(char.IsControl), Is.False, "a rejected value is shown without control characters");
            Assert.That(result.Model.HasServer(Host), Is.False, "no rule of the Ingress is served");
            Assert.That(result.Model.HasServer(Other), Is.False, "no rule of the Ingress is served");
            Assert.That(result.Model.HasServer("good.example.com"), Is.True, "other Ingresses are unaffected");
        }
    }
}
