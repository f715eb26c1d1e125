using System.Globalization;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Reads the proxy tuning values: from the ConfigMap (<see cref="FromConfigMap"/>, the http-level defaults) and from an
/// Ingress's annotations over them (<see cref="Parse"/>). One spec list, <see cref="ProxyAnnotationSpecs"/>, serves both.
/// </summary>
public static class ProxyAnnotations
{
    public static ProxyModel Parse(AnnotationReader reader, ProxyModel defaults)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaults);
        return Apply(defaults, spec => reader.Get(spec));
    }

    /// <summary>The ConfigMap's values over ingress-nginx's defaults; <paramref name="read"/> returns null for a key that is absent or invalid.</summary>
    public static ProxyModel FromConfigMap(Func<AnnotationSpec, string?> read) => Apply(ProxyModel.Default, read);

    private static ProxyModel Apply(ProxyModel defaults, Func<AnnotationSpec, string?> read)
    {
        int Int(AnnotationSpec spec, int fallback) => read(spec) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        string Text(AnnotationSpec spec, string fallback) => read(spec) ?? fallback;
        return defaults with
        {
            BodySize = Text(ProxyAnnotationSpecs.BodySize, defaults.BodySize),
            ConnectTimeoutSeconds = Int(ProxyAnnotationSpecs.ConnectTimeout, defaults.ConnectTimeoutSeconds),
            SendTimeoutSeconds = Int(ProxyAnnotationSpecs.SendTimeout, defaults.SendTimeoutSeconds),
            ReadTimeoutSeconds = Int(ProxyAnnotationSpecs.ReadTimeout, defaults.ReadTimeoutSeconds),
            Buffering = Text(ProxyAnnotationSpecs.Buffering, defaults.Buffering),
            BufferSize = Text(ProxyAnnotationSpecs.BufferSize, defaults.BufferSize),
            BuffersNumber = Int(ProxyAnnotationSpecs.BuffersNumber, defaults.BuffersNumber),
            RequestBuffering = Text(ProxyAnnotationSpecs.RequestBuffering, defaults.RequestBuffering),
            ClientBodyBufferSize = Text(ProxyAnnotationSpecs.ClientBodyBufferSize, defaults.ClientBodyBufferSize),
            NextUpstream = read(ProxyAnnotationSpecs.NextUpstream) is { } conditions
                ? conditions.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToEquatableArray()
                : defaults.NextUpstream,
            NextUpstreamTries = Int(ProxyAnnotationSpecs.NextUpstreamTries, defaults.NextUpstreamTries),
            NextUpstreamTimeoutSeconds = Int(ProxyAnnotationSpecs.NextUpstreamTimeout, defaults.NextUpstreamTimeoutSeconds),
            HttpVersion = Text(ProxyAnnotationSpecs.HttpVersion, defaults.HttpVersion),
        };
    }
}
