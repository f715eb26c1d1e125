using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>Serves the templates compiled into this assembly from the repository's top-level templates/ folder.</summary>
internal sealed class EmbeddedTemplateLoader : ITemplateLoader
{
    public static readonly EmbeddedTemplateLoader Instance = new();

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => $"templates/{templateName}.sbn";

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => ValueTask.FromResult<string?>(Read(templatePath));

    public static string Read(string templatePath)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(templatePath)
            ?? throw new InvalidOperationException($"Template {templatePath} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
