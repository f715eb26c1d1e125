using System.Globalization;
using NginxIngress.Benchmarks.Synthetic;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>The command line of the <c>nginx-parse</c> mode.</summary>
public sealed record NginxParseOptions(IReadOnlyList<int> Sizes, int Runs, int Seed, string Nginx, string? Report, bool Keep)
{
    public static NginxParseOptions From(IReadOnlyList<string> args)
    {
        var options = new NginxParseOptions([1_000, 10_000], 5, SyntheticClusterShape.DefaultSeed, "/usr/sbin/nginx", null, false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                "--runs" => options with { Runs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--nginx" => options with { Nginx = Value() },
                "--report" => options with { Report = Value() },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }
        if (options.Runs < 1 || options.Sizes.Count == 0 || options.Sizes.Any(size => size < 1))
        {
            throw new ArgumentException("--runs and every --sizes value must be at least 1");
        }
        return options;
    }
}
