using BenchmarkDotNet.Attributes;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.Core.Building;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Benchmarks.Pipeline;

/// <summary>
/// Each pure stage on its own input, and the three composed, as the reconcile loop runs them on every change.
/// Inputs are made in <see cref="Setup"/>, so a stage's numbers exclude the stages before it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortRunConfig))]
public class PipelineBenchmarks
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private IngressModel _model = IngressModel.Empty;
    private NginxConfig? _config;

    /// <summary>The config without the last Ingress: what nginx served before that Ingress was created.</summary>
    private NginxConfig? _before;

    [Params(1_000, 10_000)]
    public int Ingresses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticCluster.Generate(Ingresses).ToSnapshot();
        var (model, problems) = IngressModelBuilder.Build(_snapshot, ControllerOptions.Default);
        if (!problems.IsEmpty)
        {
            // A dropped path would make every number below measure a smaller config than the one claimed.
            throw new InvalidOperationException($"The synthetic cluster should build cleanly, but gave {problems.Length} problems; first: {problems[0]}");
        }
        _model = model;
        _config = NginxConfigTranslator.Translate(_model, NginxSettings.Default);
        var last = _snapshot.Ingresses.Keys.Last();
        _before = ConfigPipeline.Run(_snapshot, ControllerOptions.Default, NginxSettings.Default, new HashSet<ObjectKey> { last }).Config;
    }

    /// <summary>IngressModelBuilder.Build: snapshot → model.</summary>
    [Benchmark]
    public IngressModel Build() => IngressModelBuilder.Build(_snapshot, ControllerOptions.Default).Model;

    /// <summary>NginxConfigTranslator.Translate: model → nginx config.</summary>
    [Benchmark]
    public NginxConfig Translate() => NginxConfigTranslator.Translate(_model, NginxSettings.Default);

    /// <summary>NginxConfigRenderer.Render: nginx config → text and version.</summary>
    [Benchmark]
    public RenderedConfig Render() => NginxConfigRenderer.Render(_config!);

    /// <summary>One Ingress created: what of the config nginx -t must check (ValidationScope), rendered.</summary>
    [Benchmark]
    public RenderedConfig NarrowedCheck() => NginxConfigRenderer.Render(ValidationScope.For(_before, _config!).Checked!);

    /// <summary>ConfigPipeline.Run: the three composed.</summary>
    [Benchmark]
    public PipelineResult ConfigPipelineRun() => ConfigPipeline.Run(_snapshot, ControllerOptions.Default, NginxSettings.Default);
}
