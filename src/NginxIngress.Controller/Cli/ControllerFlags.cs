using System.CommandLine;
using NginxIngress.Core.Settings;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// The ingress-nginx flags both <c>run</c> and <c>render</c> understand, with ingress-nginx's names and defaults.
/// Both <c>--flag value</c> and <c>--flag=value</c> parse.
/// </summary>
internal sealed class ControllerFlags
{
    public Option<string> IngressClass { get; } = new("--ingress-class")
    {
        Description = "Value of the legacy kubernetes.io/ingress.class annotation this controller serves.",
        DefaultValueFactory = _ => ControllerOptions.Default.IngressClass,
    };

    public Option<string> ControllerClass { get; } = new("--controller-class")
    {
        Description = "spec.controller of the IngressClasses this controller serves.",
        DefaultValueFactory = _ => ControllerOptions.Default.ControllerClass,
    };

    public Option<bool> WatchIngressWithoutClass { get; } = new("--watch-ingress-without-class")
    {
        Description = "Also serve Ingresses that name no class.",
    };

    public Option<bool> IngressClassByName { get; } = new("--ingress-class-by-name")
    {
        Description = "Also serve IngressClasses whose name equals --ingress-class.",
    };

    public Option<string> AnnotationsPrefix { get; } = new("--annotations-prefix")
    {
        Description = "Prefix of the annotations this controller reads.",
        DefaultValueFactory = _ => ControllerOptions.Default.AnnotationsPrefix,
    };

    public IEnumerable<Option> All => [IngressClass, ControllerClass, WatchIngressWithoutClass, IngressClassByName, AnnotationsPrefix];

    public ControllerOptions Bind(ParseResult result) => new()
    {
        IngressClass = result.GetValue(IngressClass)!,
        ControllerClass = result.GetValue(ControllerClass)!,
        WatchIngressWithoutClass = result.GetValue(WatchIngressWithoutClass),
        IngressClassByName = result.GetValue(IngressClassByName),
        AnnotationsPrefix = result.GetValue(AnnotationsPrefix)!,
    };
}
