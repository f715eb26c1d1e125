using System.Collections.Immutable;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Pipeline;

/// <summary>
/// The pure middle of the pipeline, composed: snapshot → model → nginx config → text. An unexpected exception
/// while one Ingress is built, translated or printed (an <see cref="IngressFaultException"/>) leaves that Ingress
/// out with an error problem naming it, and the whole run starts again without it, so no half-merged state
/// of the faulty Ingress survives and everything else is still served.
/// </summary>
public static class ConfigPipeline
{
    /// <param name="rejectedCertificates">Secrets whose certificate nginx refused, with its message: their hosts get the default certificate.</param>
    public static PipelineResult Run(ClusterSnapshot snapshot, ControllerOptions options, NginxSettings settings, IReadOnlySet<ObjectKey>? excluded = null,
        IReadOnlyDictionary<ObjectKey, string>? rejectedCertificates = null)
    {
        var faulty = new List<IngressFaultException>();
        while (true)
        {
            var leftOut = faulty.Count == 0 ? excluded : faulty.Select(fault => fault.Ingress).Concat(excluded ?? ImmutableHashSet<ObjectKey>.Empty).ToHashSet();
            try
            {
                var (model, problems) = IngressModelBuilder.Build(snapshot, options, leftOut, rejectedCertificates: rejectedCertificates);
                var config = NginxConfigTranslator.Translate(model, settings);
                return new PipelineResult(config, NginxConfigRenderer.Render(config), problems.AddRange(faulty.Select(Describe)));
            }
            catch (IngressFaultException fault) when (leftOut?.Contains(fault.Ingress) != true)
            {
                faulty.Add(fault);
            }
        }
    }

    private static Problem Describe(IngressFaultException fault) =>
        new(ObjectRef.Ingress(fault.Ingress), "", ProblemSeverity.Error, "InternalError",
            $"{fault.Message}; this is a bug in NginxIngress (please report it), the Ingress is not served and everything else is");
}

public sealed record PipelineResult(NginxConfig Config, RenderedConfig Rendered, ImmutableArray<Problem> Problems);
