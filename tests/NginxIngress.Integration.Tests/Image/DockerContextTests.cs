using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// What docker build would refuse first, checked without an engine: every path docker/Dockerfile copies from
/// the build context (the repository root) exists and is sent, not left out by .dockerignore. hadolint would
/// lint the rest, but Debian does not package it (only PyPI has it, which this environment does not serve).
/// </summary>
[TestFixture]
public sealed class DockerContextTests
{
    [Test]
    public void Every_copy_source_exists_and_is_sent_in_the_build_context()
    {
        var ignore = DockerIgnore.Load();
        var copies = Dockerfile.Load().Stages.SelectMany(stage => stage.ContextCopies).ToList();
        var problems = new List<string>();
        foreach (var copy in copies)
        {
            foreach (var source in copy.Words.Take(copy.Words.Count - 1))
            {
                if (Problem(source, ignore) is { } problem)
                {
                    problems.Add($"{copy}: {problem}");
                }
            }
        }

        Assert.That(copies, Is.Not.Empty, "the Dockerfile copies nothing from the context");
        Assert.That(problems, Is.Empty);
    }

    private static string? Problem(string source, DockerIgnore ignore)
    {
        if (source.Contains("://", StringComparison.Ordinal))
        {
            return null; // ADD of a URL reads nothing from the context.
        }
        if (source.IndexOfAny(['*', '?', '[']) >= 0)
        {
            return $"{source}: wildcard sources are not checked by this test; name the files, or extend it";
        }
        var path = Path.Combine(RepoPaths.Root, source);
        var relative = Path.GetRelativePath(RepoPaths.Root, path);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return $"{source} does not exist in the repository";
        }
        if (ignore.Excludes(relative))
        {
            return $"{source} is left out of the context by .dockerignore";
        }
        if (Directory.Exists(path) && Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).All(file => ignore.Excludes(Path.GetRelativePath(RepoPaths.Root, file))))
        {
            return $"{source} holds no file that .dockerignore lets into the context";
        }
        return null;
    }
}
