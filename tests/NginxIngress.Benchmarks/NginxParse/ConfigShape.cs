using System.Text;
using System.Text.RegularExpressions;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>How big a rendered nginx.conf is, in the units nginx's parse time depends on.</summary>
public sealed partial record ConfigShape(long Bytes, int Lines, int Servers, int Locations, int Upstreams, int ProxyPasses)
{
    public static ConfigShape Measure(string config)
    {
        int servers = 0, locations = 0, upstreams = 0, proxyPasses = 0, lines = 0;
        foreach (var line in config.AsSpan().EnumerateLines())
        {
            lines++;
            var directive = line.TrimStart();
            if (ServerBlock().IsMatch(directive))
            {
                servers++;
            }
            else if (directive.StartsWith("location ", StringComparison.Ordinal))
            {
                locations++;
            }
            else if (directive.StartsWith("upstream ", StringComparison.Ordinal))
            {
                upstreams++;
            }
            else if (directive.StartsWith("proxy_pass ", StringComparison.Ordinal))
            {
                proxyPasses++;
            }
        }
        // EnumerateLines yields an empty last "line" after a final newline; wc -l does not count it.
        if (config.EndsWith('\n'))
        {
            lines--;
        }
        return new ConfigShape(Encoding.UTF8.GetByteCount(config), lines, servers, locations, upstreams, proxyPasses);
    }

    [GeneratedRegex(@"^server\s*\{")]
    private static partial Regex ServerBlock();
}
