using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Rendering;

/// <summary>Templates, partials included, are parsed once per process, not on every render (every reconcile renders).</summary>
[TestFixture]
public sealed class TemplateCacheTests
{
    [Test]
    public void Rendering_again_parses_no_template_again()
    {
        var snapshot = SnapshotBuilder.WithNginxClass(Workload.Create(), new IngressBuilder("web").Class("nginx").Path("web.example.com", "/"));
        ConfigPipeline.Run(snapshot, ControllerOptions.Default, NginxSettings.Default);

        for (var i = 0; i < 3; i++)
        {
            ConfigPipeline.Run(snapshot, ControllerOptions.Default, NginxSettings.Default);
        }

        Assert.That(EmbeddedTemplateLoader.Parses, Is.EqualTo(EmbeddedTemplateLoader.EmbeddedCount), "each embedded template parsed exactly once");
    }
}
