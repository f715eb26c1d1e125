using NginxIngress.Core.Collections;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Integration.Tests.Runtime;

/// <summary>
/// How a bundle reaches disk: key files 0600 in 0700 folders, nginx.conf last, no file outside the folder, and no key
/// left behind once no bundle names it.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BundleWriterTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("bundle-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Key_files_are_readable_by_their_owner_alone_in_private_folders()
    {
        await BundleWriter.WriteAsync(_folder, Bundle("certs/tls-a.pem"), CancellationToken.None);

        Assert.That(File.GetUnixFileMode(Path.Combine(_folder, "certs", "tls-a.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(_folder, "certs")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_folder, "nginx.conf")), Is.EqualTo("events {}\n"));
        Assert.That(Directory.EnumerateFiles(_folder, "*.tmp", SearchOption.AllDirectories), Is.Empty, "every temporary file was renamed into place");
    }

    [Test]
    public async Task A_key_no_bundle_names_any_more_is_removed()
    {
        await BundleWriter.WriteAsync(_folder, Bundle("certs/tls-a.pem", "certs/tls-b.pem"), CancellationToken.None);
        var next = Bundle("certs/tls-b.pem");
        await BundleWriter.WriteAsync(_folder, next, CancellationToken.None);

        BundleWriter.RemoveStale(_folder, next);

        Assert.That(Directory.EnumerateFiles(Path.Combine(_folder, "certs")).Select(Path.GetFileName), Is.EqualTo(new[] { "tls-b.pem" }));
    }

    [TestCase("../escape.pem")]
    [TestCase("/etc/escape.pem")]
    public void A_path_leaving_the_folder_is_refused(string path)
    {
        Assert.ThrowsAsync<InvalidOperationException>(() => BundleWriter.WriteAsync(_folder, Bundle(path), CancellationToken.None));
        Assert.That(File.Exists(Path.GetFullPath(Path.Combine(_folder, path))), Is.False);
    }

    [Test]
    public void A_bundle_printed_shows_its_file_paths_and_never_their_content()
    {
        var file = new BundleFile("certs/tls-a.pem", "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n");

        Assert.That(file.ToString(), Does.Contain("certs/tls-a.pem").And.Not.Contain("PRIVATE KEY").And.Not.Contain("secret"));
    }

    private static RenderedConfig Bundle(params string[] paths) =>
        new("events {}\n", "v", SourceMap.Empty) { Files = paths.Select(path => new BundleFile(path, $"content of {path}\n")).ToEquatableArray() };
}
