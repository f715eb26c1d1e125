using System.Globalization;

namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>The command line of the <c>data-plane</c> mode.</summary>
public sealed record DataPlaneOptions(TimeSpan Duration, int Rounds, int Threads, int Connections, IReadOnlyList<LoggingVariant> Logs, string Nginx, string Wrk, string? Report)
{
    public static DataPlaneOptions From(IReadOnlyList<string> args)
    {
        var options = new DataPlaneOptions(TimeSpan.FromSeconds(10), 2, 2, 16,
            [LoggingVariant.Parse("off"), LoggingVariant.Parse("none"), LoggingVariant.Parse("buffer=64k flush=1s")], "/usr/sbin/nginx", "wrk", null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--rounds" => options with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) },
                // Semicolon-separated: off, none (unbuffered) or access_log parameters such as "buffer=64k flush=1s".
                "--logs" => options with { Logs = Value().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(LoggingVariant.Parse).ToList() },
                "--nginx" => options with { Nginx = Value() },
                "--wrk" => options with { Wrk = Value() },
                "--report" => options with { Report = Value() },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }
        if (options.Rounds < 1 || options.Duration < TimeSpan.FromSeconds(1) || options.Logs.Count == 0 || options.Threads < 1 || options.Connections < options.Threads)
        {
            throw new ArgumentException("--rounds and --threads must be at least 1, --duration at least 1 s, --connections at least --threads, and --logs must name a variant");
        }
        return options;
    }
}
