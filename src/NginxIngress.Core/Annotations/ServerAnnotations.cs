using NginxIngress.Core.Building;
using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Annotations;

/// <summary><c>server-alias</c>: each name must be a plain DNS name, as a rule's host must.</summary>
public static class ServerAnnotations
{
    /// <exception cref="AnnotationException">A name is not a DNS name (grammar and risk faults go to the reader).</exception>
    public static EquatableArray<string> Parse(AnnotationReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var spec = ServerAnnotationSpecs.ServerAlias;
        if (reader.Get(spec) is not { } list)
        {
            return EquatableArray<string>.Empty;
        }
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Any(name => HostNameRules.IsWildcard(name) || HostNameRules.CheckIngressHost(name) is not null))
        {
            throw new AnnotationException(reader.FieldFor(spec.Name), $"\"{AnnotationReader.Printable(list)}\" is not valid: it must be {spec.GrammarText}");
        }
        return names.Distinct(StringComparer.Ordinal).ToEquatableArray();
    }
}
