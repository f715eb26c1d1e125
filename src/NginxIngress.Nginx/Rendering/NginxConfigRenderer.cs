using System.Security.Cryptography;
using System.Text;
using NginxIngress.Nginx.Config;
using Scriban;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Prints an <see cref="NginxConfig"/> through the Scriban templates. Pure and deterministic: equal configs
/// give identical bytes. The templates are parsed once per process.
/// </summary>
public static class NginxConfigRenderer
{
    /// <summary>Stands in for the version while the text is hashed; the status server, printed last, holds it.</summary>
    private static readonly string VersionPlaceholder = new('0', 64);

    private static readonly Lazy<Template> MainTemplate = new(() =>
    {
        const string path = "templates/nginx.conf.sbn";
        var template = Template.Parse(EmbeddedTemplateLoader.Read(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"{path} does not parse: {string.Join("; ", template.Messages)}");
        }
        return template;
    });

    public static RenderedConfig Render(NginxConfig config)
    {
        var globals = new ScriptObject();
        globals.Import(config);
        globals.Import("quote", new Func<string, string>(NginxSyntax.Quote));
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
        context.PushGlobal(globals);
        var text = MainTemplate.Value.Render(context);

        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var at = text.LastIndexOf(VersionPlaceholder, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("nginx.conf.sbn did not print config_version.");
        }
        return new RenderedConfig(string.Concat(text.AsSpan(0, at), version, text.AsSpan(at + VersionPlaceholder.Length)), version);
    }
}
