using System.Collections.Frozen;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// The templates compiled into this assembly from the repository's top-level templates/ folder, each parsed
/// once per process. Renders hand the parsed partials to Scriban's include cache, so <see cref="Load"/> is
/// never needed: it fails, which makes an include of a partial that is not embedded an error, not a re-parse.
/// </summary>
internal sealed class EmbeddedTemplateLoader : ITemplateLoader
{
    public const string MainTemplatePath = "templates/nginx.conf.sbn";
    private const string PartialsFolder = "templates/partials/";

    public static readonly EmbeddedTemplateLoader Instance = new();

    private static readonly Lazy<Template> Main = new(() => Parse(MainTemplatePath));

    private static readonly Lazy<FrozenDictionary<string, Template>> Partials = new(() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(name => name.StartsWith(PartialsFolder, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name, Parse, StringComparer.Ordinal));

    private static int _parses;

    public static Template MainTemplate => Main.Value;

    /// <summary>How many times a template was parsed in this process: once per embedded template, however many renders.</summary>
    internal static int Parses => Volatile.Read(ref _parses);

    /// <summary>Every partial, keyed as <see cref="GetPath"/> names it, which is how Scriban's include cache looks them up.</summary>
    public static IReadOnlyDictionary<string, Template> ParsedPartials => Partials.Value;

    /// <summary>Every template embedded in this assembly, the main one included.</summary>
    internal static int EmbeddedCount =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames().Count(name => name.StartsWith("templates/", StringComparison.Ordinal));

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => $"templates/{templateName}.sbn";

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new InvalidOperationException($"Template {templatePath} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    private static Template Parse(string path)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(path)
            ?? throw new InvalidOperationException($"Template {path} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        Interlocked.Increment(ref _parses);
        var template = Template.Parse(reader.ReadToEnd(), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"{path} does not parse: {string.Join("; ", template.Messages)}");
        }
        return template;
    }
}
