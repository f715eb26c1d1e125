using NginxIngress.Controller.Hosting;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>The controller caps its own malloc arenas, unless the operator set a limit of their own.</summary>
[TestFixture]
public sealed class MallocArenaLimitTests
{
    [TestCase("MALLOC_ARENA_MAX", "4")]
    [TestCase("GLIBC_TUNABLES", "glibc.malloc.arena_max=8")]
    [TestCase("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1")]
    public void An_operators_own_arena_limit_is_kept(string variable, string value) =>
        Assert.That(MallocArenaLimit.OperatorChose(name => name == variable ? value : null), Is.True);

    [TestCase(null, null)]
    [TestCase("", "")]
    [TestCase(null, "glibc.malloc.hugetlb=1")]
    [TestCase(null, "glibc.malloc.arena_test=2")]
    public void Without_an_operators_limit_the_controller_sets_its_own(string? arenaMax, string? tunables) =>
        Assert.That(MallocArenaLimit.OperatorChose(name => name switch
        {
            "MALLOC_ARENA_MAX" => arenaMax,
            "GLIBC_TUNABLES" => tunables,
            _ => null,
        }), Is.False);

    /// <summary>The C library takes the setting: a wrong entry point, or an option glibc does not know, would leave the arenas uncapped, silently.</summary>
    [Test]
    public void This_machines_glibc_accepts_the_arena_limit() => Assert.That(MallocArenaLimit.Cap(), Is.True);
}
