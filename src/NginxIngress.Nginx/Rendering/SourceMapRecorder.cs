using NginxIngress.Core.Collections;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using Scriban.Runtime;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Builds the source map. The templates print a marker where each upstream, server and location begins
/// (<c>mark_upstream</c>, <c>mark_server</c>, <c>mark_location</c>, <c>mark_stream</c>) and ends (<c>mark_end</c>); <see cref="Strip"/>
/// takes the markers out of the finished text and notes where each block began and ended. The k-th block
/// marked is the k-th of <see cref="Blocks"/>, which lists them in the order nginx.conf.sbn prints them
/// (every upstream, then each server followed by its locations, then the stream servers); each marker carries its kind, so a
/// template that printed in another order fails the render instead of mislabelling lines.
/// </summary>
/// <remarks>
/// Markers are control characters, which nothing else can print: <see cref="NginxSyntax.Quote"/> refuses them,
/// and the templates' own text has none. They are plain variables, not functions: Scriban prints an included
/// partial into a buffer of its own, so the output position cannot be read during a call anyway, and 110k
/// function calls at 10k Ingresses cost more than the rest of the source map.
/// </remarks>
internal sealed class SourceMapRecorder
{
    internal const char BeginMarker = '\u0001';
    internal const char EndMarker = '\u0002';

    private readonly NginxConfig _config;
    private readonly List<(int Begin, int End, ConfigBlockKind Kind, object Source)> _spans = [];
    private readonly Stack<(ConfigBlockKind Kind, object Source)> _open = new();
    private IEnumerator<(ConfigBlockKind Kind, object Source)>? _tracked;

    public SourceMapRecorder(NginxConfig config) => _config = config;

    /// <summary>
    /// While <see cref="Track"/>ing, the innermost block being printed now: when a render fails, the block that failed.
    /// </summary>
    public (ConfigBlockKind Kind, string Name, EquatableArray<ObjectKey> Ingresses)? Current =>
        _open.TryPeek(out var top) ? Describe(top.Kind, top.Source) : null;

    /// <summary>Every block in the order nginx.conf.sbn prints them: every upstream, then each server followed by its locations, then the stream servers.</summary>
    private IEnumerable<(ConfigBlockKind Kind, object Source)> Blocks()
    {
        foreach (var upstream in _config.Upstreams)
        {
            yield return (ConfigBlockKind.Upstream, upstream);
        }
        foreach (var server in _config.Servers)
        {
            yield return (ConfigBlockKind.Server, server);
            foreach (var location in server.Locations)
            {
                yield return (ConfigBlockKind.Location, location);
            }
        }
        foreach (var stream in _config.Stream.Servers)
        {
            yield return (ConfigBlockKind.Stream, stream);
        }
    }

    private static (ConfigBlockKind Kind, string Name, EquatableArray<ObjectKey> Ingresses) Describe(ConfigBlockKind kind, object source) => source switch
    {
        UpstreamConfig upstream => (kind, upstream.Name, upstream.Ingresses),
        ServerConfig server => (kind, server.ServerName, server.Ingresses),
        LocationConfig location => (kind, $"{location.Modifier} {location.Path}".TrimStart(),
            location.Owner is { } owner ? new[] { new ObjectKey(owner.Namespace, owner.IngressName) }.ToEquatableArray() : EquatableArray<ObjectKey>.Empty),
        StreamServerConfig stream => (kind, stream.Description, EquatableArray<ObjectKey>.Empty),
        _ => throw new ArgumentException($"{source.GetType().Name} is not a block of nginx.conf", nameof(source)),
    };

    /// <summary>The markers as constants: the fast path every render takes.</summary>
    public static void Mark(ScriptObject globals)
    {
        foreach (var kind in Enum.GetValues<ConfigBlockKind>())
        {
            globals.SetValue(VariableOf(kind), Begin(kind), readOnly: true);
        }
        globals.SetValue("mark_end", EndMarker.ToString(), readOnly: true);
    }

    /// <summary>
    /// The markers as functions that also note which block is open, so <see cref="Current"/> can name the block a
    /// failing render was printing. Slower; used only to explain a render that already failed.
    /// </summary>
    public void Track(ScriptObject globals)
    {
        foreach (var kind in Enum.GetValues<ConfigBlockKind>())
        {
            globals.Import(VariableOf(kind), new Func<string>(() =>
            {
                _tracked ??= Blocks().GetEnumerator();
                _open.Push(_tracked.MoveNext() ? _tracked.Current : (kind, "an unexpected block"));
                return Begin(kind);
            }));
        }
        globals.Import("mark_end", new Func<string>(() =>
        {
            _open.Pop();
            return EndMarker.ToString();
        }));
    }

    /// <summary>
    /// Copies <paramref name="marked"/> without its markers into <paramref name="destination"/> (at least as long),
    /// notes where each block began and ended in that text, and returns the text's length.
    /// </summary>
    public int Strip(string marked, Span<char> destination)
    {
        var length = 0;
        var open = new Stack<(int Offset, ConfigBlockKind Kind, object Source)>();
        using var blocks = Blocks().GetEnumerator();
        var rest = marked.AsSpan();
        // Copy the text between markers in chunks: a config at 10k Ingresses is 15 MB.
        for (var at = rest.IndexOfAny(BeginMarker, EndMarker); at >= 0; at = rest.IndexOfAny(BeginMarker, EndMarker))
        {
            rest[..at].CopyTo(destination[length..]);
            length += at;
            if (rest[at] == BeginMarker)
            {
                var kind = (ConfigBlockKind)(rest[at + 1] - 'A');
                if (!blocks.MoveNext() || blocks.Current.Kind != kind)
                {
                    throw new InvalidOperationException($"The templates marked a {kind} block where the source map expects another: they print blocks in another order than SourceMapRecorder lists them.");
                }
                open.Push((length, kind, blocks.Current.Source));
                rest = rest[(at + 2)..];
            }
            else
            {
                var (offset, kind, source) = open.Pop();
                _spans.Add((offset, length, kind, source));
                rest = rest[(at + 1)..];
            }
        }
        rest.CopyTo(destination[length..]);
        length += rest.Length;
        if (open.Count > 0 || blocks.MoveNext())
        {
            throw new InvalidOperationException($"The templates left blocks unmarked ({open.Count} begun and never ended) that the source map expects.");
        }
        return length;
    }

    /// <summary>
    /// The source map over the final text (which must keep the stripped text's length), built when first read. A
    /// range runs from the first printed character after its start to the last before its end, so blank lines
    /// around a marker do not matter.
    /// </summary>
    public SourceMap ToMap(string text) => new(() => Ranges(text));

    private EquatableArray<SourceRange> Ranges(string text)
    {
        // Each range's first and last printed character, visited in text order while the newlines are counted once.
        var points = new (int Offset, int Slot)[_spans.Count * 2];
        for (var i = 0; i < _spans.Count; i++)
        {
            var (begin, end, _, _) = _spans[i];
            points[2 * i] = (FirstPrinted(text, begin, end), 2 * i);
            points[(2 * i) + 1] = (LastPrinted(text, begin, end), (2 * i) + 1);
        }
        Array.Sort(points, (a, b) => a.Offset.CompareTo(b.Offset));
        var lines = new int[points.Length];
        var line = 1;
        var counted = 0;
        foreach (var (offset, slot) in points)
        {
            line += text.AsSpan(counted, offset - counted).Count('\n');
            counted = offset;
            lines[slot] = line;
        }
        return _spans
            .Select((span, i) => (Lines: (lines[2 * i], lines[(2 * i) + 1]), Block: Describe(span.Kind, span.Source)))
            .Select(entry => new SourceRange(entry.Lines.Item1, entry.Lines.Item2, entry.Block.Kind, entry.Block.Name, entry.Block.Ingresses))
            .OrderBy(range => range.FirstLine)
            .ThenByDescending(range => range.LastLine)
            .ToEquatableArray();
    }

    private static string VariableOf(ConfigBlockKind kind) => $"mark_{kind.ToString().ToLowerInvariant()}";

    /// <summary>The begin marker and a letter for the kind (A, B, C, … by enum value).</summary>
    private static string Begin(ConfigBlockKind kind) => $"{BeginMarker}{(char)('A' + (int)kind)}";

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
}
