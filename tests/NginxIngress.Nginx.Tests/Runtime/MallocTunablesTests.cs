using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Nginx.Tests.Runtime;

/// <summary>The <c>GLIBC_TUNABLES</c> nginx -t gets: huge pages added, and whatever the operator set kept.</summary>
[TestFixture]
public sealed class MallocTunablesTests
{
    [TestCase(null, "glibc.malloc.hugetlb=1")]
    [TestCase("", "glibc.malloc.hugetlb=1")]
    [TestCase("glibc.malloc.arena_max=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")]
    [TestCase("glibc.malloc.arena_max=2:glibc.malloc.tcache_count=0", "glibc.malloc.arena_max=2:glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=1")]
    public void Nginx_t_gets_huge_pages_beside_the_tunables_the_controller_runs_with(string? inherited, string expected) =>
        Assert.That(MallocTunables.For(inherited), Is.EqualTo(expected));

    [TestCase("glibc.malloc.hugetlb=0")]
    [TestCase("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0")]
    [TestCase("glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2")]
    public void An_operators_own_huge_page_setting_wins(string inherited) =>
        Assert.That(MallocTunables.For(inherited), Is.EqualTo(inherited));

    /// <summary>A stand-in nginx that fails with its <c>GLIBC_TUNABLES</c> as its message shows what <c>nginx -t</c> runs with.</summary>
    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Nginx_t_runs_with_malloc_on_huge_pages()
    {
        var directory = Directory.CreateTempSubdirectory("nginx-ingress-tunables-").FullName;
        try
        {
            var fakeNginx = Path.Combine(directory, "nginx");
            await File.WriteAllTextAsync(fakeNginx, "#!/bin/sh\necho \"tunables: $GLIBC_TUNABLES\" >&2\nexit 1\n");
            File.SetUnixFileMode(fakeNginx, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var validator = new NginxBinaryValidator(fakeNginx, Path.Combine(directory, "scratch"));
            var config = new RenderedConfig("events {}\n", new string('0', 64), SourceMap.Empty);

            var result = await validator.ValidateAsync(config, CancellationToken.None);

            Assert.That(result.Message, Is.EqualTo("tunables: " + MallocTunables.ForNginx()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
