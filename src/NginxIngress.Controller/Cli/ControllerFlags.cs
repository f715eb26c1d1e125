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

    /// <summary>As in pflag, the flag may repeat and the last value wins.</summary>
    public Option<string[]> ConfigMap { get; } = ObjectFlag("--configmap", "namespace/name of the ConfigMap whose keys tune nginx (today its HTTPS keys: ssl-redirect, hsts, ssl-protocols…).");

    public Option<string[]> DefaultSslCertificate { get; } = ObjectFlag("--default-ssl-certificate",
        "namespace/name of the kubernetes.io/tls Secret served for unknown names, clients without SNI and hosts without a usable certificate; default: a generated fake certificate.");

    public Option<string[]> TcpServicesConfigMap { get; } = ObjectFlag("--tcp-services-configmap",
        "namespace/name of the ConfigMap of TCP services: \"<port>\": \"<namespace>/<service>:<port>[:PROXY][:PROXY]\", as ingress-nginx's.");

    public Option<string[]> UdpServicesConfigMap { get; } = ObjectFlag("--udp-services-configmap",
        "namespace/name of the ConfigMap of UDP services: \"<port>\": \"<namespace>/<service>:<port>\", as ingress-nginx's.");

    public IEnumerable<Option> All => [IngressClass, ControllerClass, WatchIngressWithoutClass, IngressClassByName, AnnotationsPrefix, ConfigMap, DefaultSslCertificate,
        TcpServicesConfigMap, UdpServicesConfigMap];

    public ControllerOptions Bind(ParseResult result) => new()
    {
        IngressClass = result.GetValue(IngressClass)!,
        ControllerClass = result.GetValue(ControllerClass)!,
        WatchIngressWithoutClass = result.GetValue(WatchIngressWithoutClass),
        IngressClassByName = result.GetValue(IngressClassByName),
        AnnotationsPrefix = result.GetValue(AnnotationsPrefix)!,
        ConfigMap = LastKey(result.GetValue(ConfigMap)),
        DefaultSslCertificate = LastKey(result.GetValue(DefaultSslCertificate)),
        TcpServicesConfigMap = LastKey(result.GetValue(TcpServicesConfigMap)),
        UdpServicesConfigMap = LastKey(result.GetValue(UdpServicesConfigMap)),
    };

    /// <summary>A flag naming an object as namespace/name; ingress-nginx exits on any other form, and so does this.</summary>
    private static Option<string[]> ObjectFlag(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = false };
        option.Validators.Add(result =>
        {
            foreach (var value in result.Tokens.Select(token => token.Value).Where(value => Key(value) is null))
            {
                result.AddError($"{name} takes namespace/name, not '{value}'");
            }
        });
        return option;
    }

    private static Core.Snapshot.ObjectKey? LastKey(string[]? values) => values is { Length: > 0 } ? Key(values[^1]) : null;

    private static Core.Snapshot.ObjectKey? Key(string value) =>
        value.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name] ? new Core.Snapshot.ObjectKey(ns, name) : null;
}
