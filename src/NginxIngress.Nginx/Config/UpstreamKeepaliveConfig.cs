namespace NginxIngress.Nginx.Config;

/// <summary>The keepalive cache of every upstream block.</summary>
public sealed record UpstreamKeepaliveConfig(int Connections, int TimeoutSeconds, int Requests);
