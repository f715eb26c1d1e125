using System.CommandLine;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Controller.Cli;

/// <summary>Flags that shape the rendered nginx.conf itself, shared by <c>run</c> and <c>render</c>.</summary>
internal sealed class NginxFlags
{
    public Option<int> HttpPort { get; } = new("--http-port")
    {
        Description = "Port nginx serves HTTP on.",
        DefaultValueFactory = _ => NginxSettings.Default.HttpPort,
    };

    public Option<int> HttpsPort { get; } = new("--https-port")
    {
        Description = "Port nginx serves HTTPS on.",
        DefaultValueFactory = _ => NginxSettings.Default.HttpsPort,
    };

    public Option<int> StatusPort { get; } = new("--status-port")
    {
        Description = "Loopback port of nginx's internal status server (config version).",
        DefaultValueFactory = _ => NginxSettings.Default.StatusPort,
    };

    public IEnumerable<Option> All => [HttpPort, HttpsPort, StatusPort];

    public NginxSettings Bind(ParseResult result) => NginxSettings.Default with
    {
        HttpPort = result.GetValue(HttpPort),
        HttpsPort = result.GetValue(HttpsPort),
        StatusPort = result.GetValue(StatusPort),
    };
}
