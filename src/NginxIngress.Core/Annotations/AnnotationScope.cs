namespace NginxIngress.Core.Annotations;

/// <summary>Where an annotation's effect lands: the whole Ingress, each host (server) it names, or each path (location).</summary>
public enum AnnotationScope
{
    Ingress,
    Server,
    Location,
}
