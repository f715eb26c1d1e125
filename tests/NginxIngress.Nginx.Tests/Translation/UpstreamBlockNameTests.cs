using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Tests.Translation;

/// <summary>
/// upstream{} blocks are named with four hex digits before the plain name, so nginx's one-by-one name comparison
/// while parsing ends at the first byte for most pairs; the plain name stays readable and unique.
/// </summary>
[TestFixture]
public sealed class UpstreamBlockNameTests
{
    [Test]
    public void Block_name_is_the_plain_name_behind_four_hex_digits_of_its_hash()
    {
        var block = NginxNames.UpstreamBlock("team-003.app-00128.80");

        Assert.That(block, Does.Match("^[0-9a-f]{4}\\.team-003\\.app-00128\\.80$"));
        Assert.That(NginxNames.UpstreamBlock("team-003.app-00128.80"), Is.EqualTo(block), "the same name every render, so configs diff cleanly");
    }

    [Test]
    public void Names_of_one_namespace_start_with_different_bytes()
    {
        var blocks = Enumerable.Range(0, 256).Select(i => NginxNames.UpstreamBlock($"team-000.app-{i:D5}.80")).ToList();

        // Plain names of one namespace all start "team-000.app-0"; behind the digits most pairs differ at once.
        Assert.That(blocks.Select(block => block[0]).Distinct().Count(), Is.EqualTo(16));
    }
}
