using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// Which block of nginx.conf each line belongs to, recorded by the templates as they print (not recovered by
/// reading the text back), so a line nginx rejects can be traced to the Ingresses behind it. Ranges nest: a
/// location lies inside its server.
/// </summary>
public sealed record SourceMap(EquatableArray<SourceRange> Ranges)
{
    public static readonly SourceMap Empty = new(EquatableArray<SourceRange>.Empty);

    /// <summary>The blocks that hold <paramref name="line"/>, innermost first; empty for a line of the controller's own.</summary>
    public IReadOnlyList<SourceRange> BlocksAt(int line) =>
        // Nested ranges start after their parent (and a parent ends no earlier), so the latest start is the innermost.
        Ranges.Where(range => range.Contains(line)).OrderByDescending(range => range.FirstLine).ThenBy(range => range.LastLine).ToList();
}
