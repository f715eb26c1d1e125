using System.Security.Cryptography;
using System.Text;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Nginx.Config;
using Scriban;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Prints an <see cref="NginxConfig"/> through the Scriban templates. Pure and deterministic: equal configs
/// give identical bytes. The templates, partials included, are parsed once per process. Along with the text
/// it returns a <see cref="SourceMap"/>: the templates mark where each server, location and upstream starts
/// and ends as they print it (see <see cref="SourceMapRecorder"/>).
/// </summary>
public static class NginxConfigRenderer
{
    /// <summary>Stands in for the version while the text is hashed; the status server, printed last, holds it.</summary>
    private static readonly string VersionPlaceholder = new('0', 64);

    private const int ChunkChars = 4096;

    /// <exception cref="IngressFaultException">Printing a block that serves exactly one Ingress failed; the caller can leave that Ingress out.</exception>
    public static RenderedConfig Render(NginxConfig config)
    {
        var recorder = new SourceMapRecorder(config);
        string marked;
        try
        {
            marked = Print(config, SourceMapRecorder.Mark);
        }
        catch (Exception e)
        {
            // Print again, noting each block as it opens, to name the one that fails; only a failed render pays for that.
            try
            {
                Print(config, recorder.Track);
            }
            catch (Exception) when (recorder.Current is { Ingresses: { Count: 1 } owners } block)
            {
                throw new IngressFaultException(owners[0], $"rendering {block.Kind.ToString().ToLowerInvariant()} {block.Name} of", e);
            }
            throw;
        }
        // The text without markers is written straight into the final string, hashed there, and gets the version
        // written over the placeholder: at 10k Ingresses the text is 15 MB, and every extra copy is a large-object-heap
        // allocation (a pooled buffer would stay rented by the shared pool, 30 MB for the life of the process).
        // A begin marker is two characters (the marker and its block kind), an end marker one.
        var markers = (2 * marked.AsSpan().Count(SourceMapRecorder.BeginMarker)) + marked.AsSpan().Count(SourceMapRecorder.EndMarker);
        var state = new FinalText(marked, recorder, config.Files);
        var final = string.Create(marked.Length - markers, state, static (text, state) =>
        {
            if (state.Recorder.Strip(state.Marked, text) != text.Length)
            {
                throw new InvalidOperationException("The source map's markers were miscounted.");
            }
            state.Version = Sha256Hex(text, state.Files);
            var at = ((ReadOnlySpan<char>)text).LastIndexOf(VersionPlaceholder, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException("nginx.conf.sbn did not print config_version.");
            }
            // The version has the placeholder's length, so the source map's line numbers hold for the final text.
            state.Version.CopyTo(text[at..]);
        });
        return new RenderedConfig(final, state.Version!, recorder.ToMap(final)) { Files = config.Files };
    }

    /// <summary>What <see cref="string.Create{TState}"/> needs to write the final text, and the version it finds.</summary>
    private sealed class FinalText(string marked, SourceMapRecorder recorder, EquatableArray<BundleFile> files)
    {
        public string Marked { get; } = marked;

        public SourceMapRecorder Recorder { get; } = recorder;

        public EquatableArray<BundleFile> Files { get; } = files;

        public string? Version { get; set; }
    }

    /// <summary>
    /// SHA-256 of the text's UTF-8 bytes, encoded a chunk at a time rather than into one large array, then of each
    /// file's path and (when <see cref="BundleFile.Versioned"/>) content, each after a NUL so no two bundles run
    /// together into the same bytes.
    /// </summary>
    private static string Sha256Hex(ReadOnlySpan<char> text, EquatableArray<BundleFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(ChunkChars)];
        Append(hash, text, bytes);
        foreach (var file in files)
        {
            hash.AppendData([0]);
            Append(hash, file.RelativePath, bytes);
            hash.AppendData([0]);
            Append(hash, file.Versioned ? file.Content : "", bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<char> text, Span<byte> bytes)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        while (!text.IsEmpty)
        {
            var chunk = text[..Math.Min(ChunkChars, text.Length)];
            text = text[chunk.Length..];
            hash.AppendData(bytes[..encoder.GetBytes(chunk, bytes, flush: text.IsEmpty)]);
        }
    }

    private static string Print(NginxConfig config, Action<ScriptObject> markers)
    {
        var globals = new ScriptObject();
        globals.Import(config);
        // Which function prints a value depends on whether its directive expands variables (see NginxSyntax).
        globals.Import("quote", new Func<string, string>(NginxSyntax.Quote));
        globals.Import("snippet", new Func<string, string, string>(NginxSyntax.Snippet));
        globals.Import("quote_literal", new Func<string, string>(NginxSyntax.QuoteLiteral));
        globals.Import("quote_literal_after", new Func<string, string, string>(NginxSyntax.QuoteLiteral));
        globals.Import("quote_rewrite_replacement", new Func<string, string>(NginxSyntax.QuoteRewriteReplacement));
        globals.SetValue("dollar_variable_definition", NginxSyntax.DollarVariableDefinition, readOnly: true);
        markers(globals);
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
        return EmbeddedTemplateLoader.MainTemplate.Render(context);
    }
}
