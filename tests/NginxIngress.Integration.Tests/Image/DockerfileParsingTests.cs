namespace NginxIngress.Integration.Tests.Image;

/// <summary>The Dockerfile reader the image tests stand on: it must read what Docker reads.</summary>
[TestFixture]
public sealed class DockerfileParsingTests
{
    [Test]
    public void Continuations_join_and_comment_lines_inside_them_are_dropped()
    {
        var run = Dockerfile.Parse("FROM a\nRUN one \\\n# a comment\n\n  && two\n").Runtime.Instructions.Single();

        Assert.That((run.Keyword, run.Arguments, run.Line), Is.EqualTo(("RUN", "one   && two", 2)));
    }

    [Test]
    public void Flags_are_read_before_the_arguments()
    {
        var copy = Dockerfile.Parse("FROM a AS build\nFROM b\ncopy --from=build --chown=33:33 /out/ /app/").Runtime.Instructions.Single();

        Assert.That(copy.Keyword, Is.EqualTo("COPY"));
        Assert.That(copy.Flags, Is.EquivalentTo(new Dictionary<string, string> { ["from"] = "build", ["chown"] = "33:33" }));
        Assert.That(copy.Words, Is.EqualTo(new[] { "/out/", "/app/" }));
    }

    [TestCase("CMD [\"/nginx-ingress\", \"run\"]", new[] { "/nginx-ingress", "run" })]
    [TestCase("CMD /nginx-ingress run", null)]
    [TestCase("CMD [/nginx-ingress, run]", null)]
    public void A_json_array_is_the_exec_form_and_anything_else_the_shell_form(string cmd, string[]? exec)
    {
        Assert.That(Dockerfile.Parse($"FROM a\n{cmd}").Runtime.Effective("CMD")!.ExecForm, Is.EqualTo(exec));
    }

    [Test]
    public void Stages_keep_their_base_image_and_name()
    {
        var stages = Dockerfile.Parse("ARG V=1\nFROM --platform=linux/amd64 sdk:10.0 AS build\nRUN x\nFROM aspnet:10.0\nUSER 33").Stages;

        Assert.That(stages.Select(stage => (stage.BaseImage, stage.Name)), Is.EqualTo(new[] { ("sdk:10.0", "build"), ("aspnet:10.0", (string?)null) }));
    }

    [Test]
    public void Heredocs_are_refused_rather_than_misread()
    {
        Assert.That(() => Dockerfile.Parse("FROM a\nRUN <<EOF\necho hi\nEOF"), Throws.TypeOf<FormatException>());
    }
}
