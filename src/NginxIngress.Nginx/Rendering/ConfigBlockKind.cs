namespace NginxIngress.Nginx.Rendering;

/// <summary>The blocks of nginx.conf that objects produce. Lines outside them (http settings, the status server) are the controller's own.</summary>
public enum ConfigBlockKind
{
    Server,
    Location,
    Upstream,
}
