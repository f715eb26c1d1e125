using NginxIngress.Core.Annotations;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>Source range lists: what parses, and the normalised form nginx gets.</summary>
public sealed class AccessAnnotationsTests
{
    [TestCase("10.0.0.0/8", "10.0.0.0/8")]
    [TestCase("10.1.2.3/8", "10.0.0.0/8")]
    [TestCase("192.168.1.7", "192.168.1.7/32")]
    [TestCase(" 10.0.0.0/8 ,192.168.0.0/16 ", "10.0.0.0/8 192.168.0.0/16")]
    [TestCase("2001:db8::1/32", "2001:db8::/32")]
    [TestCase("::1", "::1/128")]
    [TestCase("10.0.0.0/8, 10.0.0.0/8", "10.0.0.0/8")]
    public void Ranges_are_normalised_as_go_parses_them(string list, string expected)
    {
        Assert.That(AccessAnnotations.Ranges(list), Is.EqualTo(expected.Split(' ')));
    }

    [TestCase("")]
    [TestCase("10.0.0.0/33")]
    [TestCase("300.0.0.1")]
    [TestCase("10.0.0.0/8/8")]
    [TestCase("fe80::1%eth0")]
    [TestCase("10.0.0.0/-1")]
    public void Anything_else_is_refused(string list)
    {
        Assert.That(AccessAnnotations.Ranges(list), Is.Null);
    }
}
