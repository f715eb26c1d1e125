using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Nginx.Tests.Runtime;

/// <summary>
/// How long the applier waits for nginx to serve a config before it rolls it back: nginx parses the whole config
/// first, so a large cluster's config must not be rolled back for being slow to parse.
/// </summary>
[TestFixture]
public sealed class VerifyTimeoutTests
{
    [Test]
    public void A_small_config_waits_the_configured_time()
    {
        Assert.That(NginxApplier.VerifyTimeout(NginxApplier.DefaultVerifyTimeout, 20_000), Is.EqualTo(NginxApplier.DefaultVerifyTimeout).Within(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public void A_10k_ingress_config_waits_a_second_longer_per_million_characters()
    {
        // 15.8 million characters: the synthetic 10k cluster of make bench, whose nginx -t alone takes 5.5 s quiet.
        Assert.That(NginxApplier.VerifyTimeout(NginxApplier.DefaultVerifyTimeout, 15_800_000), Is.EqualTo(TimeSpan.FromSeconds(30.8)).Within(TimeSpan.FromMilliseconds(1)));
    }
}
