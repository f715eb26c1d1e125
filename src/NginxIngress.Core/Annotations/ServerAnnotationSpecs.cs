using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>Host-scoped annotations (reference §2.1, "Hosts"): <c>server-alias</c>.</summary>
public static partial class ServerAnnotationSpecs
{
    public static AnnotationSpec ServerAlias { get; } = new("server-alias", null, AnnotationScope.Server, AnnotationRisk.High,
        AliasCharacters(), "comma-separated lowercase DNS names (no wildcard, no IP address)", "(none)", "Server",
        "More names for the Ingress's first host. An alias that is already a host, or already another host's alias, is ignored with a warning; the oldest Ingress wins.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [ServerAlias];

    /// <summary>The characters an alias list may hold; each name is then checked as a host.</summary>
    [GeneratedRegex(@"^[a-z0-9.\-, ]{1,2048}\z")]
    private static partial Regex AliasCharacters();
}
