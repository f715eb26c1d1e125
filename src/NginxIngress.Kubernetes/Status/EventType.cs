namespace NginxIngress.Kubernetes.Status;

/// <summary>The two Event types the API accepts (events.k8s.io/v1 <c>type</c>).</summary>
public enum EventType
{
    Normal,
    Warning,
}
