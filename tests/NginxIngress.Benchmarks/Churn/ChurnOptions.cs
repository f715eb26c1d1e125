using System.Globalization;

namespace NginxIngress.Benchmarks.Churn;

/// <summary>The command line of the <c>churn</c> mode.</summary>
public sealed record ChurnOptions(
    string Controller, int Rollouts, int Pods, int ForcedReloads, int Connections, int RequestDelayMilliseconds,
    IReadOnlyList<int> Sizes, int RolloutPods, string Wrk, string? Report)
{
    public static ChurnOptions From(IReadOnlyList<string> args)
    {
        var options = new ChurnOptions("artifacts/nginx-ingress/nginx-ingress", 20, 3, 100, 4, 5, [1_000, 10_000], 50, "wrk", null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--controller" => options with { Controller = Value() },
                "--rollouts" => options with { Rollouts = Number() },
                "--pods" => options with { Pods = Number() },
                "--reloads" => options with { ForcedReloads = Number() },
                "--connections" => options with { Connections = Number() },
                "--delay-ms" => options with { RequestDelayMilliseconds = Number() },
                // Background cluster sizes for the endpoint-churn cost; "" or 0 skips that part.
                "--sizes" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(s => s > 0).ToList() },
                "--rollout-pods" => options with { RolloutPods = Number() },
                "--wrk" => options with { Wrk = Value() },
                "--report" => options with { Report = Value() },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }
        if (options.Pods < 1 || options.Rollouts < 0 || options.ForcedReloads < 0 || options.Connections < 2 || options.RolloutPods < 1)
        {
            throw new ArgumentException("--pods and --rollout-pods must be at least 1, --connections at least 2 (wrk runs 2 threads)");
        }
        return options;
    }
}
