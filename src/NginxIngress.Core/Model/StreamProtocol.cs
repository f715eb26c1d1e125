namespace NginxIngress.Core.Model;

/// <summary>Which of the two stream ConfigMaps a service comes from, and what nginx listens for.</summary>
public enum StreamProtocol
{
    Tcp,
    Udp,
}
