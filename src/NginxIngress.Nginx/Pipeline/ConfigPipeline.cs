using System.Collections.Immutable;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Pipeline;

/// <summary>The pure middle of the pipeline, composed: snapshot → model → nginx config → text.</summary>
public static class ConfigPipeline
{
    public static PipelineResult Run(ClusterSnapshot snapshot, ControllerOptions options, NginxSettings settings, IReadOnlySet<ObjectKey>? excluded = null)
    {
        var (model, problems) = IngressModelBuilder.Build(snapshot, options, excluded);
        var config = NginxConfigTranslator.Translate(model, settings);
        return new PipelineResult(config, NginxConfigRenderer.Render(config), problems);
    }
}

public sealed record PipelineResult(NginxConfig Config, RenderedConfig Rendered, ImmutableArray<Problem> Problems);
