using System.Text.RegularExpressions;
using NginxIngress.Controller;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The README's migration section lists every ingress-nginx flag that <c>run</c> accepts without acting on it. The
/// list is checked against the parser, so it cannot go stale when a flag is implemented.
/// </summary>
public sealed partial class MigrationGuideTests
{
    [Test]
    public void The_readme_lists_exactly_the_ingress_nginx_flags_run_accepts_without_acting_on()
    {
        Program.Parse(["run"], out var run);
        var unimplemented = run.Command.Options.Where(option => option.Hidden).Select(option => option.Name).Order(StringComparer.Ordinal).ToList();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = Section().Match(readme);
        Assert.That(section.Success, Is.True, "README.md has the <!-- flags-not-supported --> block");

        var listed = Flag().Matches(section.Groups[1].Value).Select(match => match.Value).Order(StringComparer.Ordinal).ToList();

        Assert.That(listed, Is.EqualTo(unimplemented), string.Join(", ", unimplemented.Select(flag => $"`{flag}`")));
    }

    [GeneratedRegex(@"<!-- flags-not-supported -->(.*?)<!-- /flags-not-supported -->", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"--[a-z0-9_-]+")]
    private static partial Regex Flag();
}
