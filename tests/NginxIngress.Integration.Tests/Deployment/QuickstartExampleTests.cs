using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The quickstart example moved the tutorial to API versions a current cluster accepts. Moving must not change what
/// nginx does: it renders byte for byte the config of the tutorial's own legacy files.
/// </summary>
public sealed class QuickstartExampleTests
{
    [Test]
    public void The_quickstart_renders_the_same_nginx_conf_as_the_tutorials_own_files()
    {
        var quickstart = new ManifestSnapshotLoader().Load(RepoPaths.Quickstart);
        var tutorial = new ManifestSnapshotLoader().Load(RepoPaths.SeedTutorial);

        var fromQuickstart = ConfigPipeline.Run(quickstart.Snapshot, ControllerOptions.Default, NginxSettings.Default);
        var fromTutorial = ConfigPipeline.Run(tutorial.Snapshot, ControllerOptions.Default, NginxSettings.Default);

        Assert.That(quickstart.Issues, Is.Empty, "no legacy warnings: every object is on a current API");
        Assert.That(fromQuickstart.Problems, Is.Empty);
        Assert.That(fromQuickstart.Config.Servers.Select(server => server.ServerName), Does.Contain("alicek106.example.com"));
        Assert.That(fromQuickstart.Rendered.Text, Is.EqualTo(fromTutorial.Rendered.Text));
    }
}
