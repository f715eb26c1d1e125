using System.Globalization;
using System.Text.RegularExpressions;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>What one wrk run reports: throughput, the tail, and every request that did not get a 2xx or 3xx.</summary>
/// <param name="SocketErrors">wrk's connect, read, write and timeout error counts, in that order.</param>
public sealed partial record WrkResult(long Requests, double RequestsPerSecond, TimeSpan P50, TimeSpan P99, IReadOnlyList<long> SocketErrors, long Non2xx)
{
    public long Failed => SocketErrors.Sum() + Non2xx;

    /// <summary>For example "connect 0, read 3, write 0, timeout 0".</summary>
    public string SocketErrorText => string.Create(CultureInfo.InvariantCulture,
        $"connect {SocketErrors[0]}, read {SocketErrors[1]}, write {SocketErrors[2]}, timeout {SocketErrors[3]}");

    /// <summary>Reads wrk's text output (run with <c>--latency</c>).</summary>
    public static WrkResult Parse(string output)
    {
        var errors = SocketErrorsLine().Match(output);
        return new WrkResult(
            long.Parse(RequestsLine().Match(output).Groups["n"].Value, CultureInfo.InvariantCulture),
            double.Parse(Required(RateLine().Match(output), output).Groups["rate"].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "99"),
            Enumerable.Range(1, 4).Select(i => errors.Success ? long.Parse(errors.Groups[i].Value, CultureInfo.InvariantCulture) : 0).ToArray(),
            Non2xxLine().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups["n"].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static TimeSpan Percentile(string output, string percent)
    {
        var match = Required(Regex.Match(output, $@"^\s+{percent}%\s+(?<value>[0-9.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline), output);
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            _ => TimeSpan.FromMinutes(value),
        };
    }

    private static Match Required(Match match, string output) =>
        match.Success ? match : throw new FormatException($"wrk's output is not in the expected form:{Environment.NewLine}{output}");

    [GeneratedRegex(@"^\s*(?<n>\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+(?<rate>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<n>\d+)")]
    private static partial Regex Non2xxLine();
}
