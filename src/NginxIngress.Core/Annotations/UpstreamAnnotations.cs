using System.Globalization;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// backend-protocol, service-upstream, load-balance, upstream-hash-by, default-backend and custom-http-errors of one
/// Ingress, over the ConfigMap's load-balance and custom-http-errors (<see cref="FromConfigMap"/>).
/// </summary>
public sealed record UpstreamAnnotations(BackendProtocol Protocol, UpstreamModel Upstream, string? DefaultBackend, EquatableArray<int> CustomHttpErrors)
{
    public static readonly UpstreamAnnotations None = new(BackendProtocol.Http, UpstreamModel.Default, null, EquatableArray<int>.Empty);

    public static UpstreamAnnotations Parse(AnnotationReader reader, UpstreamAnnotations defaults)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaults);
        var protocol = reader.Get(UpstreamAnnotationSpecs.BackendProtocol) is { } written
            ? Enum.Parse<BackendProtocol>(written, ignoreCase: true)
            : defaults.Protocol;
        var upstream = new UpstreamModel(
            reader.Get(UpstreamAnnotationSpecs.LoadBalance) is { } algorithm ? Algorithm(algorithm) : defaults.Upstream.Algorithm,
            reader.Get(UpstreamAnnotationSpecs.UpstreamHashBy) ?? defaults.Upstream.HashBy,
            reader.GetBool(UpstreamAnnotationSpecs.ServiceUpstream) ?? defaults.Upstream.ServiceUpstream);
        var codes = reader.Get(UpstreamAnnotationSpecs.CustomHttpErrors) is { } list ? Codes(list) : defaults.CustomHttpErrors;
        return new UpstreamAnnotations(protocol, upstream, reader.Get(UpstreamAnnotationSpecs.DefaultBackend), codes);
    }

    /// <summary>The ConfigMap's keys over ingress-nginx's defaults; <paramref name="read"/> returns null for a key that is absent or invalid.</summary>
    public static UpstreamAnnotations FromConfigMap(Func<AnnotationSpec, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return None with
        {
            Upstream = read(UpstreamAnnotationSpecs.LoadBalance) is { } algorithm ? UpstreamModel.Default with { Algorithm = Algorithm(algorithm) } : UpstreamModel.Default,
            CustomHttpErrors = read(UpstreamAnnotationSpecs.CustomHttpErrors) is { } list ? Codes(list) : EquatableArray<int>.Empty,
        };
    }

    private static LoadBalance Algorithm(string value) => value == "ewma" ? LoadBalance.Ewma : LoadBalance.RoundRobin;

    /// <summary>The codes of a list that passed <see cref="UpstreamAnnotationSpecs.CodesGrammar"/>, sorted and without duplicates.</summary>
    private static EquatableArray<int> Codes(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries)
            .Select(code => int.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture))
            .Distinct()
            .Order()
            .ToEquatableArray();
}
