using NginxIngress.Core.Settings;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Controller.Hosting;

/// <summary>Everything <c>nginx-ingress run</c> was told on its command line.</summary>
internal sealed record RunSettings
{
    public required string ManifestsDirectory { get; init; }

    /// <summary>nginx's prefix: nginx.conf, its pid file and temp folders live here.</summary>
    public required string WorkDirectory { get; init; }

    public required string NginxBinary { get; init; }

    public required int HealthzPort { get; init; }

    public required ControllerOptions Controller { get; init; }

    public required NginxSettings Nginx { get; init; }
}
