namespace NginxIngress.Benchmarks.DataPlane;

/// <summary>
/// One access log setting, given to both configs: off, or to /dev/stdout with these access_log parameters
/// (empty: unbuffered, one write(2) per request, ingress-nginx's default).
/// </summary>
public sealed record LoggingVariant(string? Parameters)
{
    public bool Logs => Parameters is not null;

    public string Label => Parameters switch
    {
        null => "off",
        "" => "stdout, unbuffered",
        var parameters => $"stdout, {parameters}",
    };

    /// <summary>"off", "none" (unbuffered) or the parameters themselves.</summary>
    public static LoggingVariant Parse(string text) => text switch
    {
        "off" => new LoggingVariant((string?)null),
        "none" => new LoggingVariant(""),
        _ => new LoggingVariant(text),
    };
}
