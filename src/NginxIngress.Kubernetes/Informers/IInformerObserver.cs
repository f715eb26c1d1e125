namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// Hears how the informers' list-and-watch loops fare, so the controller can count it (Prometheus) without this
/// project depending on a metrics library. Called on the informer's loop: implementations must be quick and must
/// not throw.
/// </summary>
public interface IInformerObserver
{
    /// <summary>
    /// The informer of <paramref name="kind"/> (Ingress, Service, ...) opens a new watch, or lists again, after the last one ended:
    /// <see cref="InformerRestart"/> says why.
    /// </summary>
    void Restarted(string kind, InformerRestart reason);
}
