namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// The blocks of nginx.conf that objects produce. Lines outside them (http settings, the status server) are the
/// controller's own. A stream block (a TCP or UDP service's upstream and server) comes from a ConfigMap, not an
/// Ingress: it names no Ingress, so a line of it rejected by nginx -t is nobody's to leave out.
/// </summary>
public enum ConfigBlockKind
{
    Server,
    Location,
    Upstream,
    Stream,
}
