using System.Globalization;

namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>
/// The command line of the <c>reload-storm</c> mode.
/// <code>reload-storm [--ingresses 1000] [--reloads 50] [--hold 10] [--max-generations 4,0] [--max-wait 30] [--report FILE]</code>
/// </summary>
/// <param name="Hold">How long the backend holds each slow request, in seconds: how long a reload's old workers stay busy.</param>
/// <param name="MaxGenerations">One storm per value, each a fresh controller run with <c>--max-worker-generations</c> set to it (0: no bound).</param>
public sealed record ReloadStormOptions(int Ingresses, int Reloads, double Hold, IReadOnlyList<int> MaxGenerations, double MaxWait, string? Report)
{
    public static ReloadStormOptions From(IReadOnlyList<string> args)
    {
        var options = new ReloadStormOptions(1_000, 50, 10, [4, 0], 30, null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--ingresses" => options with { Ingresses = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--reloads" => options with { Reloads = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--hold" => options with { Hold = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--max-generations" => options with { MaxGenerations = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                "--max-wait" => options with { MaxWait = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--report" => options with { Report = Value() },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }
        if (options.Ingresses < 1 || options.Reloads < 1 || options.Hold < 0 || options.MaxGenerations.Count == 0)
        {
            throw new ArgumentException("--ingresses and --reloads must be at least 1, --hold at least 0, and --max-generations name a bound");
        }
        return options;
    }
}
