using System.Security.Cryptography;
using System.Text;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Nginx.Config;
using Scriban;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Prints an <see cref="NginxConfig"/> through the Scriban templates. Pure and deterministic: equal configs
/// give identical bytes. The templates, partials included, are parsed once per process. Along with the text
/// it returns a <see cref="SourceMap"/>: the templates mark where each server, location and upstream starts
/// and ends as they print it.
/// </summary>
public static class NginxConfigRenderer
{
    /// <summary>Stands in for the version while the text is hashed; the status server, printed last, holds it.</summary>
    private static readonly string VersionPlaceholder = new('0', 64);

    /// <exception cref="IngressFaultException">Printing a block that serves exactly one Ingress failed; the caller can leave that Ingress out.</exception>
    public static RenderedConfig Render(NginxConfig config)
    {
        var recorder = new SourceMapRecorder();
        var globals = new ScriptObject();
        globals.Import(config);
        globals.Import("quote", new Func<string, string>(NginxSyntax.Quote));
        globals.Import("source_begin", new Func<object, string>(recorder.Begin));
        globals.Import("source_end", new Func<string>(recorder.End));
        globals.SetValue("config_version", VersionPlaceholder, readOnly: true);

        var context = new TemplateContext
        {
            TemplateLoader = EmbeddedTemplateLoader.Instance,
            StrictVariables = true,
            // A misspelt member must fail the render, not print nothing (Scriban renames XForwardedPrefix to xforwarded_prefix).
            EnableRelaxedMemberAccess = false,
            // Scriban's defaults stop a loop at 1,000 iterations and cut output at 1 MiB; a cluster's config is larger.
            LoopLimit = int.MaxValue,
            LimitToString = 0,
            RecursiveLimit = 32,
        };
        foreach (var (path, partial) in EmbeddedTemplateLoader.ParsedPartials)
        {
            context.CachedTemplates[path] = partial;
        }
        context.PushGlobal(globals);
        string marked;
        try
        {
            marked = EmbeddedTemplateLoader.MainTemplate.Render(context);
        }
        catch (Exception e) when (recorder.Current is { Ingresses: { Count: 1 } owners } block)
        {
            throw new IngressFaultException(owners[0], $"rendering {block.Kind.ToString().ToLowerInvariant()} {block.Name} of", e);
        }
        var text = recorder.Strip(marked);

        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var at = text.LastIndexOf(VersionPlaceholder, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("nginx.conf.sbn did not print config_version.");
        }
        // The version has the placeholder's length, so the source map's line numbers hold for the final text.
        var final = string.Concat(text.AsSpan(0, at), version, text.AsSpan(at + VersionPlaceholder.Length));
        return new RenderedConfig(final, version, recorder.ToMap(final));
    }
}
