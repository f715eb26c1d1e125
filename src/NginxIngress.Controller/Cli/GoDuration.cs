using System.Globalization;
using System.Text.RegularExpressions;

namespace NginxIngress.Controller.Cli;

/// <summary>Go's time.ParseDuration forms, which ingress-nginx's duration flags take: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>.</summary>
internal static partial class GoDuration
{
    public static TimeSpan? Parse(string value)
    {
        var match = Grammar().Match(value.Trim());
        if (!match.Success)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = UnitSuffix().Match(part.Value).Value;
            var number = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += unit switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                "us" or "µs" => TimeSpan.FromMicroseconds(number),
                _ => TimeSpan.FromTicks((long)(number / 100)),
            };
        }
        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex Grammar();

    [GeneratedRegex(@"(ns|us|µs|ms|s|m|h)$")]
    private static partial Regex UnitSuffix();
}
