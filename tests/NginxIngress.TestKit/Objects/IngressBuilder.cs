using k8s.Models;

namespace NginxIngress.TestKit.Objects;

/// <summary>
/// Builds a networking.k8s.io/v1 Ingress for tests. It names the <c>nginx</c> IngressClass unless told otherwise,
/// so a test that is not about class selection gets an Ingress this controller serves. Paths added for the
/// same host land in one rule, in call order, so <c>spec.rules[i].http.paths[j]</c> indexes are predictable.
/// </summary>
public sealed class IngressBuilder(string name, string ns = "default")
{
    public const string NginxPrefix = "nginx.ingress.kubernetes.io";

    private readonly Dictionary<string, string> _annotations = [];
    private readonly List<V1IngressRule> _rules = [];
    private string? _className = "nginx";
    private DateTime? _created;
    private V1IngressBackend? _defaultBackend;
    private readonly List<V1IngressTLS> _tls = [];

    /// <summary>Sets <c>spec.ingressClassName</c>; null leaves it unset.</summary>
    public IngressBuilder Class(string? ingressClassName)
    {
        _className = ingressClassName;
        return this;
    }

    public IngressBuilder Annotation(string key, string value)
    {
        _annotations[key] = value;
        return this;
    }

    /// <summary>An annotation under the default <c>nginx.ingress.kubernetes.io</c> prefix.</summary>
    public IngressBuilder Nginx(string annotation, string value) => Annotation($"{NginxPrefix}/{annotation}", value);

    public IngressBuilder CreatedAt(DateTime created)
    {
        _created = created;
        return this;
    }

    /// <summary>Creation time as seconds after a fixed instant, so "older" reads as a smaller number.</summary>
    public IngressBuilder CreatedAt(int second) => CreatedAt(TestClock.At(second));

    public IngressBuilder Path(string host, string path, string? pathType = "Prefix", string service = "web", int port = 80) =>
        AddPath(host, new V1HTTPIngressPath { Path = path, PathType = pathType, Backend = Backend(service, port) });

    public IngressBuilder PathToPortName(string host, string path, string service, string portName) =>
        AddPath(host, new V1HTTPIngressPath { Path = path, PathType = "Prefix", Backend = Backend(service, portName) });

    /// <summary>A rule for <paramref name="host"/> with no <c>http</c> section at all.</summary>
    public IngressBuilder Rule(string host)
    {
        _rules.Add(new V1IngressRule { Host = host.Length == 0 ? null : host });
        return this;
    }

    /// <summary>A <c>spec.tls</c> entry; a null <paramref name="secretName"/> asks for the default certificate.</summary>
    public IngressBuilder Tls(string? secretName, params string[] hosts)
    {
        _tls.Add(new V1IngressTLS { SecretName = secretName, Hosts = hosts.Length == 0 ? null : hosts });
        return this;
    }

    public IngressBuilder DefaultBackend(string service, int port = 80)
    {
        _defaultBackend = Backend(service, port);
        return this;
    }

    public V1Ingress Build() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            CreationTimestamp = _created,
            Annotations = _annotations.Count == 0 ? null : new Dictionary<string, string>(_annotations),
        },
        Spec = new V1IngressSpec
        {
            IngressClassName = _className,
            DefaultBackend = _defaultBackend,
            Rules = _rules.Count == 0 ? null : [.. _rules],
            Tls = _tls.Count == 0 ? null : [.. _tls],
        },
    };

    public static V1IngressBackend Backend(string service, int port) =>
        new() { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = port } } };

    public static V1IngressBackend Backend(string service, string portName) =>
        new() { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Name = portName } } };

    private IngressBuilder AddPath(string host, V1HTTPIngressPath path)
    {
        var ruleHost = host.Length == 0 ? null : host;
        var rule = _rules.FirstOrDefault(r => r.Host == ruleHost && r.Http is not null);
        if (rule is null)
        {
            rule = new V1IngressRule { Host = ruleHost, Http = new V1HTTPIngressRuleValue { Paths = [] } };
            _rules.Add(rule);
        }
        rule.Http.Paths.Add(path);
        return this;
    }
}
