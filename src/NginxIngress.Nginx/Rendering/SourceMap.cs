using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Which block of nginx.conf each line belongs to, recorded by the templates as they print (not recovered by
/// reading the text back), so a line nginx rejects can be traced to the Ingresses behind it. Ranges nest: a
/// location lies inside its server. The renderer notes only offsets while it prints; the line ranges are worked
/// out when first asked for, which is when nginx rejected something, so a render that is never rejected does
/// not pay for them.
/// </summary>
public sealed class SourceMap
{
    public static readonly SourceMap Empty = new(EquatableArray<SourceRange>.Empty);

    private readonly Lazy<EquatableArray<SourceRange>> _ranges;

    public SourceMap(EquatableArray<SourceRange> ranges) => _ranges = new(ranges);

    internal SourceMap(Func<EquatableArray<SourceRange>> build) => _ranges = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every block, in text order (an enclosing block before the blocks inside it).</summary>
    public EquatableArray<SourceRange> Ranges => _ranges.Value;

    /// <summary>The blocks that hold <paramref name="line"/>, innermost first; empty for a line of the controller's own.</summary>
    public IReadOnlyList<SourceRange> BlocksAt(int line) =>
        // Nested ranges start after their parent (and a parent ends no earlier), so the latest start is the innermost.
        Ranges.Where(range => range.Contains(line)).OrderByDescending(range => range.FirstLine).ThenBy(range => range.LastLine).ToList();
}
