namespace NginxIngress.Controller.Hosting;

/// <summary>Who runs nginx (<c>--nginx-mode</c>).</summary>
internal enum NginxMode
{
    /// <summary>The controller starts nginx as a child process and restarts it if it dies: the demo, one container.</summary>
    Supervise,

    /// <summary>nginx runs in its own container of the pod; the controller writes its config and signals it.</summary>
    External,
}
