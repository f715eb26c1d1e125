using k8s.Models;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Building;

/// <summary>An Ingress whose annotations passed validation, with its rules' hosts checked.</summary>
internal sealed record ParsedIngress(ObjectKey Key, V1IngressSpec Spec, RewriteAnnotations Rewrite, TlsAnnotations Tls, ProxyModel Proxy, AccessModel Access,
    RedirectAnnotations Redirect, BackendAnnotations Backend, UpstreamAnnotations Upstream, EquatableArray<string> Aliases, IReadOnlyList<IngressRule> Rules)
{
    /// <summary>
    /// Returns null when an annotation fails its allow-list: ingress-nginx then skips the whole Ingress, since
    /// serving it without the annotation would serve something its author did not ask for.
    /// </summary>
    public static ParsedIngress? Parse(V1Ingress ingress, ControllerOptions options, ConfigMapSettings settings, List<Problem> problems)
    {
        var key = new ObjectKey(ingress.Namespace() ?? "default", ingress.Name());
        var subject = ObjectRef.Ingress(key);
        RewriteAnnotations rewrite;
        TlsAnnotations tls;
        ProxyModel proxy;
        AccessModel access;
        RedirectAnnotations redirect;
        BackendAnnotations backend;
        UpstreamAnnotations upstream;
        EquatableArray<string> aliases;
        try
        {
            var reader = new AnnotationReader(ingress.Metadata ?? new V1ObjectMeta(), options.AnnotationsPrefix, settings.Gates.RiskLevel);
            rewrite = RewriteAnnotations.Parse(reader);
            tls = TlsAnnotations.Parse(reader, settings.Tls);
            proxy = ProxyAnnotations.Parse(reader, settings.Proxy);
            access = AccessAnnotations.Parse(reader, settings.Access);
            redirect = RedirectAnnotations.Parse(reader);
            backend = BackendAnnotations.Parse(reader);
            upstream = UpstreamAnnotations.Parse(reader, settings.Upstream);
            aliases = ServerAnnotations.Parse(reader);
        }
        catch (AnnotationException e)
        {
            problems.Add(new Problem(subject, e.Field, ProblemSeverity.Error, "InvalidAnnotation", $"{e.Message}; the Ingress is not served"));
            return null;
        }

        var spec = ingress.Spec ?? new V1IngressSpec();
        var rules = new List<IngressRule>();
        for (var r = 0; r < (spec.Rules?.Count ?? 0); r++)
        {
            var rule = spec.Rules![r];
            var host = string.IsNullOrEmpty(rule.Host) ? ServerModel.CatchAllName : rule.Host;
            // A literal "_" is checked too: it is not a DNS name, and must not slip into the catch-all server.
            if (!string.IsNullOrEmpty(rule.Host) && HostNameRules.CheckIngressHost(rule.Host) is { } reason)
            {
                problems.Add(new Problem(subject, $"spec.rules[{r}].host", ProblemSeverity.Error, "InvalidHost",
                    $"host \"{AnnotationReader.Printable(host)}\" {reason}; this rule is not served"));
                continue;
            }
            var paths = (rule.Http?.Paths ?? [])
                .Select((path, p) => new IngressPath(
                    string.IsNullOrEmpty(path.Path) ? "/" : path.Path,
                    path.PathType,
                    path.Backend ?? new V1IngressBackend(),
                    $"spec.rules[{r}].http.paths[{p}]"))
                .ToList();
            rules.Add(new IngressRule(host, paths));
        }
        return new ParsedIngress(key, spec, rewrite, tls, proxy, access, redirect, backend, upstream, aliases, rules);
    }
}
