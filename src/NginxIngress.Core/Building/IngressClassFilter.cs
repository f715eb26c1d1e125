using k8s.Models;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Building;

/// <summary>
/// Decides whether this controller serves an Ingress, in ingress-nginx's order (store.go GetIngressClass):
/// <list type="number">
/// <item><c>spec.ingressClassName</c>, when set, decides alone: it must name an IngressClass whose
/// <c>spec.controller</c> is <c>--controller-class</c>, or, with <c>--ingress-class-by-name</c>, whose name is
/// <c>--ingress-class</c>.</item>
/// <item>Otherwise the legacy <c>kubernetes.io/ingress.class</c> annotation must equal <c>--ingress-class</c>.</item>
/// <item>Otherwise the Ingress is served only with <c>--watch-ingress-without-class</c>.</item>
/// </list>
/// </summary>
public static class IngressClassFilter
{
    public const string LegacyAnnotation = "kubernetes.io/ingress.class";

    public static bool Accepts(V1Ingress ingress, ClusterSnapshot snapshot, ControllerOptions options)
    {
        var className = ingress.Spec?.IngressClassName;
        if (!string.IsNullOrEmpty(className))
        {
            if (!snapshot.IngressClasses.TryGetValue(className, out var ingressClass))
            {
                return false;
            }
            return ingressClass.Spec?.Controller == options.ControllerClass
                || (options.IngressClassByName && ingressClass.Name() == options.IngressClass);
        }

        if (ingress.Metadata?.Annotations is { } annotations && annotations.TryGetValue(LegacyAnnotation, out var legacy))
        {
            return legacy == options.IngressClass;
        }

        return options.WatchIngressWithoutClass;
    }
}
