using System.Text;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Backs the templates' <c>source_begin</c>/<c>source_end</c> calls. Scriban prints an included partial into a
/// buffer of its own and pastes the result in, so where the output stands cannot be read during the call;
/// instead each call prints a marker character, and <see cref="Strip"/> takes the markers out of the finished
/// text, noting where each block began and ended. Markers are control characters, which nothing else can print:
/// <see cref="NginxSyntax.Quote"/> refuses them, and the templates' own text has none.
/// </summary>
internal sealed class SourceMapRecorder
{
    private const char BeginMarker = '\u0001';
    private const char EndMarker = '\u0002';

    /// <summary>Blocks in the order their <c>source_begin</c> ran, which is the order their markers appear in the text.</summary>
    private readonly List<(ConfigBlockKind Kind, string Name, EquatableArray<ObjectKey> Ingresses)> _blocks = [];
    private readonly Stack<int> _open = new();
    private readonly List<(int Begin, int End, int Block)> _spans = [];

    /// <summary>The innermost block being printed now: while a render fails, the block that failed.</summary>
    public (ConfigBlockKind Kind, string Name, EquatableArray<ObjectKey> Ingresses)? Current =>
        _open.TryPeek(out var top) ? _blocks[top] : null;

    /// <summary>Called by the template before it prints <paramref name="block"/>.</summary>
    public string Begin(object block)
    {
        _open.Push(_blocks.Count);
        _blocks.Add(Describe(block));
        return BeginMarker.ToString();
    }

    /// <summary>Called by the template after the block's closing brace.</summary>
    public string End()
    {
        _open.Pop();
        return EndMarker.ToString();
    }

    /// <summary>Returns <paramref name="marked"/> without its markers, and notes where each block began and ended in that text.</summary>
    public string Strip(string marked)
    {
        if (_open.Count > 0)
        {
            throw new InvalidOperationException($"A template began a {_blocks[_open.Peek()].Kind} block and never ended it.");
        }
        var text = new StringBuilder(marked.Length);
        var open = new Stack<(int Offset, int Block)>();
        var next = 0;
        foreach (var c in marked)
        {
            switch (c)
            {
                case BeginMarker:
                    open.Push((text.Length, next++));
                    break;
                case EndMarker:
                    var (offset, block) = open.Pop();
                    _spans.Add((offset, text.Length, block));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Line ranges over the final text (which must keep the stripped text's length). A range runs from the first
    /// printed character after its start to the last before its end, so blank lines around a marker do not matter.
    /// </summary>
    public SourceMap ToMap(string text)
    {
        var newlines = new List<int>();
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            newlines.Add(i);
        }
        var ranges = _spans
            .Select(span => new SourceRange(
                LineOf(newlines, FirstPrinted(text, span.Begin, span.End)),
                LineOf(newlines, LastPrinted(text, span.Begin, span.End)),
                _blocks[span.Block].Kind,
                _blocks[span.Block].Name,
                _blocks[span.Block].Ingresses))
            .OrderBy(range => range.FirstLine)
            .ThenByDescending(range => range.LastLine)
            .ToEquatableArray();
        return new SourceMap(ranges);
    }

    private static (ConfigBlockKind, string, EquatableArray<ObjectKey>) Describe(object block) => block switch
    {
        ServerConfig server => (ConfigBlockKind.Server, server.ServerName, server.Ingresses),
        LocationConfig location => (ConfigBlockKind.Location, $"{location.Modifier} {location.Path}".TrimStart(),
            location.Owner is { } owner ? new[] { new ObjectKey(owner.Namespace, owner.IngressName) }.ToEquatableArray() : EquatableArray<ObjectKey>.Empty),
        UpstreamConfig upstream => (ConfigBlockKind.Upstream, upstream.Name, upstream.Ingresses),
        _ => throw new ArgumentException($"source_begin takes a server, location or upstream, not {block?.GetType().Name ?? "null"}.", nameof(block)),
    };

    private static int FirstPrinted(string text, int begin, int end)
    {
        var at = begin;
        while (at < end - 1 && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
        return at;
    }

    private static int LastPrinted(string text, int begin, int end)
    {
        var at = end - 1;
        while (at > begin && char.IsWhiteSpace(text[at]))
        {
            at--;
        }
        return at;
    }

    /// <summary>1-based line of the character at <paramref name="offset"/>: one more than the newlines before it.</summary>
    private static int LineOf(List<int> newlines, int offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index >= 0 ? index : ~index) + 1;
    }
}
