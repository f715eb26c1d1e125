using System.Globalization;
using NginxIngress.Benchmarks.Synthetic;
using NginxIngress.TestKit;

namespace NginxIngress.Benchmarks.Controller;

/// <summary>The command line of the <c>controller</c> mode.</summary>
public sealed record ControllerBenchOptions(
    IReadOnlyList<int> Sizes,
    int Creates,
    int Burst,
    int Seed,
    string ControllerBinary,
    string Nginx,
    string? Report,
    bool Keep)
{
    public static ControllerBenchOptions From(IReadOnlyList<string> args)
    {
        var options = new ControllerBenchOptions([1_000, 10_000], 100, 1_000, SyntheticClusterShape.DefaultSeed,
            Path.Combine(RepoPaths.Root, "artifacts", "nginx-ingress", "nginx-ingress"), "/usr/sbin/nginx", null, false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                "--creates" => options with { Creates = Number() },
                "--burst" => options with { Burst = Number() },
                "--seed" => options with { Seed = Number() },
                "--controller" => options with { ControllerBinary = Path.GetFullPath(Value()) },
                "--nginx" => options with { Nginx = Value() },
                "--report" => options with { Report = Value() },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }
        if (options.Sizes.Count == 0 || options.Sizes.Any(size => size < 1) || options.Creates < 1 || options.Burst < 1)
        {
            throw new ArgumentException("--creates, --burst and every --sizes value must be at least 1");
        }
        return options;
    }
}
