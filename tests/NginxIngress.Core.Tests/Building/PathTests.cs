using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Path allow-lists (DESIGN §5, reference §1.3 strict-validate-path-type and the deep inspector) and the
/// Ingress API's path semantics (reference §5.1–5.2).
/// </summary>
public sealed class PathTests
{
    private const string Host = "app.example.com";

    private static readonly string[] NotPlain = ["/foo[0-9]", "/foo.*", "/(api|web)", "/a+b", "/v1$", "/foo bar", "/a%20b", "/a\"b"];

    private static IEnumerable<TestCaseData> NonPlainPaths() =>
        from path in NotPlain
        from pathType in new[] { "Exact", "Prefix" }
        select new TestCaseData(path, pathType).SetArgDisplayNames(pathType, path);

    [TestCaseSource(nameof(NonPlainPaths))]
    public void Exact_and_prefix_paths_must_be_plain_on_hosts_without_regex(string path, string pathType)
    {
        // The bad path is the second path of the second rule, so the field names both indexes.
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Path("first.example.com", "/").Path(Host, "/ok", pathType).Path(Host, path, pathType));

        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Subject.ToString(), Is.EqualTo("Ingress default/app"));
            Assert.That(problem.Field, Is.EqualTo("spec.rules[1].http.paths[1].path"));
            Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(problem.Reason, Is.EqualTo("InvalidPath"));
            Assert.That(result.Model.Server(Host).Describe(), Does.Not.Contain($"{pathType} {path}"));
            Assert.That(result.Model.Server(Host).HasLocation("/ok", Enum.Parse<PathMatch>(pathType)), Is.True, "the rest of the Ingress is still served");
        }
    }

    [TestCaseSource(nameof(NonPlainPaths))]
    public void Exact_and_prefix_regex_paths_are_accepted_on_regex_hosts(string path, string pathType)
    {
        // Without the admission webhook ingress-nginx serves these (strict-validate-path-type is webhook-only).
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Nginx("use-regex", "true").Path(Host, path, pathType));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).HasLocation(path, Enum.Parse<PathMatch>(pathType)), Is.True);
    }

    [TestCaseSource(nameof(NotPlain))]
    public void Implementation_specific_path_on_a_plain_host_is_taken_literally(string path)
    {
        // ingress-nginx's strict-validate-path-type only covers Exact and Prefix; such a path is a literal
        // prefix there (no use-regex), and it is quoted when rendered.
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, path, "ImplementationSpecific"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).UseRegex, Is.False);
        Assert.That(result.Model.Server(Host).HasLocation(path), Is.True);
    }

    [TestCase("/foo(")]
    [TestCase("/[a-")]
    [TestCase("/a{2,1}")]
    [TestCase("/foo\\")]
    [TestCase("/(?<name")]
    public void Invalid_regex_is_rejected_on_regex_hosts(string path)
    {
        var result = Cluster.Build(Workload.Create(),
            new IngressBuilder("app").Nginx("use-regex", "true").Path(Host, "/ok.*", "ImplementationSpecific").Path(Host, path, "ImplementationSpecific"));

        var problem = result.Problems.Single();
        Assert.That(problem.Field, Is.EqualTo("spec.rules[0].http.paths[1].path"));
        Assert.That(problem.Message, Does.Contain("not a valid regular expression"));
        Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[] { "Prefix /ok.*", "Prefix /" }));
    }

    private static readonly string[] Unsafe =
    [
        "/foo\nbar", "/foo\r\nreturn 200", "/foo\tbar", "/foo\u0000", "/foo\u007f",
        "/x alias /etc/", "/x root /var/", "/etc/passwd", "/etc/nginx/nginx.conf",
        "/var/run/secrets/kubernetes.io/serviceaccount/token", "/content_by_lua_block", "/load_module", "relative/path",
    ];

    private static IEnumerable<TestCaseData> UnsafePaths() =>
        from path in Unsafe
        from regexHost in new[] { false, true }
        select new TestCaseData(path, regexHost).SetArgDisplayNames(AnnotationReader.Printable(path), regexHost ? "regex host" : "plain host");

    [TestCaseSource(nameof(UnsafePaths))]
    public void Control_characters_and_inspector_matches_are_rejected_on_every_host(string path, bool regexHost)
    {
        // ImplementationSpecific skips the plain-path rule on plain hosts, so only the safety check stands in the way.
        var ingress = new IngressBuilder("app").Path(Host, path, "ImplementationSpecific");
        if (regexHost)
        {
            ingress.Nginx("use-regex", "true");
        }

        var result = Cluster.Build(Workload.Create(), ingress);

        var problem = result.Problems.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Field, Is.EqualTo("spec.rules[0].http.paths[0].path"));
            Assert.That(problem.Reason, Is.EqualTo("InvalidPath"));
            Assert.That(problem.Message.Any(char.IsControl), Is.False, "a rejected value is shown without control characters");
            Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[] { "Prefix /" }));
        }
    }

    [TestCase("/foo/alias")]
    [TestCase("/rooted/tree")]
    [TestCase("/etc/hosts-docs")]
    [TestCase("/lua/by/name")]
    public void Plain_paths_that_merely_resemble_inspector_words_are_served(string path)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, path));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Model.Server(Host).HasLocation(path), Is.True);
    }

    [Test]
    public void Empty_path_means_root()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, ""));

        var root = result.Model.Server(Host).Location("/");
        Assert.That(root.IsDefaultRoot, Is.False);
        Assert.That(root.Backend, Is.EqualTo(new BackendRef("default", "web", "80")));
    }

    [TestCase("ImplementationSpecific")]
    [TestCase(null)]
    public void Implementation_specific_path_is_matched_as_prefix(string? pathType)
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, "/api", pathType));

        Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[] { "Prefix /api", "Prefix /" }));
    }

    [TestCase("/foo/", "Prefix", "Prefix /foo")]
    [TestCase("/foo//", "Prefix", "Prefix /foo")]
    [TestCase("/foo/bar/", "ImplementationSpecific", "Prefix /foo/bar")]
    [TestCase("/foo/", "Exact", "Exact /foo/")]
    public void Prefix_path_trailing_slash_is_ignored_on_plain_hosts(string path, string pathType, string expected)
    {
        // The API says Prefix "/foo/" matches "/foo"; an Exact path means exactly what it says.
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Path(Host, path, pathType));

        Assert.That(result.Model.Server(Host).Describe(), Does.Contain(expected));
    }

    [Test]
    public void Prefix_path_trailing_slash_is_kept_on_regex_hosts()
    {
        var result = Cluster.Build(Workload.Create(), new IngressBuilder("app").Nginx("use-regex", "true").Path(Host, "/foo/"));

        Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[] { "Prefix /foo/", "Prefix /" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Locations_are_ordered_longest_path_first(bool regexHost)
    {
        var ingress = new IngressBuilder("app")
            .Path(Host, "/a").Path(Host, "/abc").Path(Host, "/b").Path(Host, "/abc/def").Path(Host, "/abc", "Exact");
        if (regexHost)
        {
            ingress.Nginx("use-regex", "true");
        }

        var result = Cluster.Build(Workload.Create(), ingress);

        // On a regex host nginx takes the first regex that matches, so this order decides which path wins.
        Assert.That(result.Model.Server(Host).Describe(), Is.EqualTo(new[]
        {
            "Prefix /abc/def", "Exact /abc", "Prefix /abc", "Prefix /b", "Prefix /a", "Prefix /",
        }));
    }
}
