namespace NginxIngress.Core.Annotations;

/// <summary>
/// ingress-nginx's risk levels (reference §1.3): how much an annotation lets one namespace's author shape the
/// shared nginx. The ConfigMap's <c>annotations-risk-level</c> refuses every annotation above it.
/// </summary>
public enum AnnotationRisk
{
    Low,
    Medium,
    High,
    Critical,
}
