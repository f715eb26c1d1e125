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
    RedirectAnnotations Redirect, BackendAnnotations Backend, UpstreamAnnotations Upstream, EquatableArray<string> Aliases, CorsModel? Cors,
    SnippetAnnotations Snippets, IReadOnlyList<IngressRule> Rules)
{
    /// <summary>
    /// Returns null when an annotation fails its allow-list: ingress-nginx then skips the whole Ingress, since
    /// serving it without the annotation would serve something its author did not ask for.
    /// </summary>
    public static ParsedIngress? Parse(V1Ingress ingress, ControllerOptions options, ConfigMapSettings settings, List<Problem> problems)
    {
        var key = new ObjectKey(ingress.Namespace() ?? "default", ingress.Name());
        var subject = ObjectRef.Ingress(key);
        var reader = new AnnotationReader(ingress.Metadata ?? new V1ObjectMeta(), options.AnnotationsPrefix, settings.Gates.RiskLevel);
        settings.Gates.CheckBlocklist(reader);
        // Each parser runs even when an earlier one failed, so every bad annotation is reported at once.
        var rewrite = Read(reader, RewriteAnnotations.Parse, RewriteAnnotations.None);
        var tls = Read(reader, r => TlsAnnotations.Parse(r, settings.Tls), TlsAnnotations.Defaults(settings.Tls));
        var proxy = Read(reader, r => ProxyAnnotations.Parse(r, settings.Proxy), settings.Proxy);
        var access = Read(reader, r => AccessAnnotations.Parse(r, settings.Access), settings.Access);
        var redirect = Read(reader, RedirectAnnotations.Parse, RedirectAnnotations.None);
        var backend = Read(reader, BackendAnnotations.Parse, BackendAnnotations.None);
        var upstream = Read(reader, r => UpstreamAnnotations.Parse(r, settings.Upstream), settings.Upstream);
        var aliases = Read(reader, ServerAnnotations.Parse, EquatableArray<string>.Empty);
        var cors = Read(reader, CorsAnnotations.Parse, null);
        var snippets = Read(reader, r => SnippetAnnotations.Parse(r, settings.Gates), SnippetAnnotations.None);
        foreach (var warning in reader.Warnings)
        {
            problems.Add(new Problem(subject, warning.Field, ProblemSeverity.Warning, "AnnotationIgnored", warning.Message));
        }
        if (reader.Errors.Count > 0)
        {
            problems.AddRange(reader.Errors.Select(error =>
                new Problem(subject, error.Field, ProblemSeverity.Error, "InvalidAnnotation", $"{error.Message}; the Ingress is not served")));
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
        return new ParsedIngress(key, spec, rewrite, tls, proxy, access, redirect, backend, upstream, aliases, cors, snippets, rules);
    }

    /// <summary>Runs one feature's parser; a fault it throws joins the reader's errors and the feature reads as its fallback.</summary>
    private static T Read<T>(AnnotationReader reader, Func<AnnotationReader, T> parse, T fallback)
    {
        try
        {
            return parse(reader);
        }
        catch (AnnotationException e)
        {
            reader.Refuse(e);
            return fallback;
        }
    }
}
