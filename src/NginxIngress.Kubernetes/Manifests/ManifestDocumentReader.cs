using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NginxIngress.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NginxIngress.Kubernetes.Manifests;

/// <summary>
/// Reads every <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file below a folder, in path order, as kubectl
/// <c>apply -f DIR</c> does. Each document is parsed on its own, so one malformed document is reported with
/// its file and line and every other document, in that file and the others, is still read.
/// </summary>
public static partial class ManifestDocumentReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<string> ManifestFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Where(path => !Path.GetRelativePath(directory, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static void ReadFile(string path, string displayName, ICollection<ManifestDocument> documents, ICollection<ManifestIssue> issues)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            issues.Add(new ManifestIssue(displayName, 0, ProblemSeverity.Error, $"cannot be read: {e.Message}"));
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            issues.Add(new ManifestIssue(displayName, 0, ProblemSeverity.Error, $"cannot be read: {e.Message}"));
            return;
        }
        ReadText(text, displayName, documents, issues);
    }

    public static void ReadText(string text, string displayName, ICollection<ManifestDocument> documents, ICollection<ManifestIssue> issues)
    {
        foreach (var (chunk, firstLine) in SplitDocuments(text))
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(chunk));
                foreach (var document in stream.Documents)
                {
                    if (YamlToJson.Convert(document.RootNode) is not JsonObject body)
                    {
                        if (document.RootNode is not YamlScalarNode { Value: null or "" })
                        {
                            issues.Add(new ManifestIssue(displayName, firstLine + (int)document.RootNode.Start.Line - 1, ProblemSeverity.Error,
                                "is not a Kubernetes object: a document must be a mapping with apiVersion and kind"));
                        }
                        continue;
                    }
                    var line = firstLine + (int)document.RootNode.Start.Line - 1;
                    Unwrap(new ManifestDocument(displayName, line, body), documents, issues);
                }
            }
            catch (YamlException e)
            {
                // An unclosed bracket or quote is found at the end of the stream, one line past the document,
                // which in a file is the next document's "---" or no line at all; keep the line inside the document.
                var lastLine = firstLine + chunk.TrimEnd().Count(c => c == '\n');
                issues.Add(new ManifestIssue(displayName, Math.Min(firstLine + (int)e.Start.Line - 1, lastLine), ProblemSeverity.Error,
                    $"is not valid YAML: {e.Message.TrimEnd('.')}; this document is skipped"));
            }
        }
    }

    /// <summary>A <c>kind: List</c> (what <c>kubectl get -o yaml</c> prints) stands for its items.</summary>
    private static void Unwrap(ManifestDocument document, ICollection<ManifestDocument> documents, ICollection<ManifestIssue> issues)
    {
        if (document.Kind != "List")
        {
            documents.Add(document);
            return;
        }
        foreach (var item in document.Body["items"] as JsonArray ?? [])
        {
            if (item is JsonObject body)
            {
                documents.Add(document with { Body = (JsonObject)body.DeepClone() });
            }
            else
            {
                issues.Add(new ManifestIssue(document.File, document.Line, ProblemSeverity.Error, "a List item is not an object; it is skipped"));
            }
        }
    }

    /// <summary>Splits on <c>---</c> lines, keeping each document's first line number for messages.</summary>
    private static IEnumerable<(string Text, int FirstLine)> SplitDocuments(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || DocumentSeparator().IsMatch(lines[i]))
            {
                if (i > start)
                {
                    yield return (string.Join('\n', lines[start..i]), start + 1);
                }
                start = i + 1;
            }
        }
    }

    // As kubectl's splitter: "---" alone or before a comment. "--- {...}" starts a document on that very line,
    // so it stays in the text for the YAML parser instead of being dropped with the separator.
    [GeneratedRegex(@"^---\s*(#.*)?\z")]
    private static partial Regex DocumentSeparator();
}
