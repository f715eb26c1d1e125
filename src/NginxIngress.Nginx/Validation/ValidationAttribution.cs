using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Validation;

/// <summary>
/// Traces a line nginx rejected to the Ingresses behind it, through the source map the renderer recorded:
/// a line of a location belongs to that location's Ingress; a line of a server or an upstream (or of the
/// controller's own 404 location inside a server) to every Ingress that shares the block. A line of the
/// controller's own (http settings, the status server), or no line at all, traces to nobody.
/// </summary>
public static class ValidationAttribution
{
    public static Suspects Trace(SourceMap map, int? line)
    {
        if (line is not { } rejected)
        {
            return Suspects.Unknown;
        }
        foreach (var block in map.BlocksAt(rejected))
        {
            if (block.Ingresses.Count > 0)
            {
                return new Suspects([.. block.Ingresses], block);
            }
        }
        return Suspects.Unknown;
    }
}
