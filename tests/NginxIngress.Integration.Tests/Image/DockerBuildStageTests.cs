using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// docker/Dockerfile's build stage, run on this machine (CI has no Docker engine): its COPYs fill a scratch
/// root from the repository as the build context would, its dotnet restore and its one dotnet publish run
/// unchanged there (only the output folder moves into the scratch root), and what lands in the folder the
/// runtime stage copies is a working controller. One publish for the whole fixture: it is the slow part.
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the image is Linux: file modes and symlinked app hosts
public sealed class DockerBuildStageTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);
    private BuildStageRehearsal _build = null!;
    private string _published = null!;

    [OneTimeSetUp]
    public async Task RunTheBuildStage()
    {
        var image = Dockerfile.Load();
        var copy = image.Runtime.All("COPY").Single(instruction => instruction.Flags.ContainsKey("from"));
        _build = await BuildStageRehearsal.RunAsync(image.Stage(copy.Flags["from"]), DockerIgnore.Load(), CommandTimeout);
        _published = _build.HostPath(copy.Words[0]);
    }

    [OneTimeTearDown]
    public void RemoveTheScratchRoot() => _build?.Dispose();

    [Test]
    public void Every_build_stage_command_succeeds_from_the_copied_context()
    {
        Assert.That(_build.Commands.Where(command => !command.Succeeded), Is.Empty);
        Assert.That(_build.Commands.Select(command => command.Instruction.Arguments.Split(' ')[1]), Is.EqualTo(new[] { "restore", "publish" }));
    }

    [Test]
    public void The_published_folder_holds_the_nginx_ingress_executable()
    {
        RequireBuilt();
        var executable = Path.Combine(_published, "nginx-ingress");

        Assert.That(File.Exists(executable), $"{executable} is missing; the folder holds {string.Join(", ", Directory.EnumerateFileSystemEntries(_published).Select(Path.GetFileName))}");
        Assert.That(File.GetUnixFileMode(executable) & UnixFileMode.OtherExecute, Is.EqualTo(UnixFileMode.OtherExecute), "www-data, not the owner root, runs it");
    }

    [Test]
    public void The_published_nginx_assembly_embeds_every_template()
    {
        RequireBuilt();
        var templates = Path.Combine(RepoPaths.Root, "templates");
        var expected = Directory.EnumerateFiles(templates, "*.sbn", SearchOption.AllDirectories)
            .Select(file => "templates/" + Path.GetRelativePath(templates, file).Replace('\\', '/'));

        using var assembly = new PEReader(File.OpenRead(Path.Combine(_published, "NginxIngress.Nginx.dll")));
        var metadata = assembly.GetMetadataReader();
        var embedded = metadata.ManifestResources.Select(handle => metadata.GetString(metadata.GetManifestResource(handle).Name));

        Assert.That(embedded, Is.SupersetOf(expected).And.Not.Empty);
    }

    [Test]
    public async Task Invoked_by_the_tutorials_name_through_a_symlink_it_renders_the_quickstart()
    {
        RequireBuilt();
        // As in the image: /nginx-ingress-controller is a symlink to the app host in another folder, which
        // must still find its assemblies and the runtime, and the templates they embed.
        var links = Directory.CreateTempSubdirectory("nginx-ingress-link-").FullName;
        try
        {
            var link = Path.Combine(links, "nginx-ingress-controller");
            File.CreateSymbolicLink(link, Path.Combine(_published, "nginx-ingress"));
            var start = new ProcessStartInfo(link, ["render", "--manifests", RepoPaths.Quickstart]) { RedirectStandardOutput = true, RedirectStandardError = true };
            // Self-contained, as in the image: no DOTNET_ROOT, and no installed runtime is looked for.
            start.Environment.Remove("DOTNET_ROOT");
            using var render = Process.Start(start)!;
            var stdout = render.StandardOutput.ReadToEndAsync();
            var stderr = render.StandardError.ReadToEndAsync();
            await render.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            Assert.That(render.ExitCode, Is.Zero, await stderr);
            Assert.That(await stdout, Does.Contain("server_name \"alicek106.example.com\";"));
        }
        finally
        {
            Directory.Delete(links, recursive: true);
        }
    }

    /// <summary>A failed build fails every check with the command's own output, not with a missing file.</summary>
    private void RequireBuilt()
    {
        var failed = _build.Commands.FirstOrDefault(command => !command.Succeeded);
        Assert.That(failed, Is.Null, () => $"the build stage failed:{Environment.NewLine}{failed}");
        Assert.That(_build.Commands, Is.Not.Empty, "the build stage ran no command");
    }
}
