namespace NginxIngress.Integration.Tests.Image;

/// <summary>The repository's .dockerignore, and the matcher the context tests read it with.</summary>
[TestFixture]
public sealed class DockerIgnoreTests
{
    [TestCase("src/NginxIngress.Core/bin/Release/net10.0/NginxIngress.Core.dll", true)]
    [TestCase("src/NginxIngress.Nginx/obj/project.assets.json", true)]
    [TestCase("artifacts/nginx-ingress/nginx-ingress", true)]
    [TestCase(".git", true)]
    [TestCase(".git/HEAD", true)]
    [TestCase(".demo/controller.log", true)]
    [TestCase("tests/NginxIngress.Core.Tests/Cluster.cs", true)]
    [TestCase("src/NginxIngress.Controller/Program.cs", false)]
    [TestCase("src/NginxIngress.Controller/NginxIngress.Controller.csproj", false)]
    [TestCase("templates/partials/server.sbn", false)]
    [TestCase("Directory.Packages.props", false)]
    public void Build_output_and_tests_stay_out_of_the_context_and_sources_go_in(string path, bool excluded)
    {
        Assert.That(DockerIgnore.Load().Excludes(path), Is.EqualTo(excluded));
    }

    [TestCase("bin", "bin/a.dll", true, TestName = "A pattern excludes everything in the folder it matches")]
    [TestCase("bin", "src/bin/a.dll", false, TestName = "A pattern is anchored at the context root")]
    [TestCase("**/bin", "src/a/bin/a.dll", true, TestName = "Double star reaches any depth")]
    [TestCase("**/bin", "bin/a.dll", true, TestName = "Double star also matches no folder at all")]
    [TestCase("*.md", "README.md", true, TestName = "Star matches within the root")]
    [TestCase("*.md", "docs/a.md", false, TestName = "Star does not cross a slash")]
    [TestCase("/tests/", "tests/a.cs", true, TestName = "Leading and trailing slashes are ignored")]
    [TestCase("docs\n!docs/keep.md", "docs/keep.md", false, TestName = "An exclamation mark includes again")]
    [TestCase("docs\n!docs/keep.md", "docs/other.md", true, TestName = "Including one file keeps its siblings out")]
    [TestCase("!docs/keep.md\ndocs", "docs/keep.md", true, TestName = "The last matching pattern wins")]
    [TestCase("# bin\n\nobj", "bin/a.dll", false, TestName = "Comment and blank lines are no patterns")]
    public void Patterns_match_as_docker_matches_them(string patterns, string path, bool excluded)
    {
        Assert.That(DockerIgnore.Parse(patterns).Excludes(path), Is.EqualTo(excluded));
    }

    [Test]
    public void Patterns_this_matcher_cannot_read_are_refused_rather_than_misread()
    {
        Assert.That(() => DockerIgnore.Parse("bin/[ab]*"), Throws.TypeOf<NotSupportedException>());
    }
}
