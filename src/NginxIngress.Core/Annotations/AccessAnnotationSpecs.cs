using System.Text.RegularExpressions;

namespace NginxIngress.Core.Annotations;

/// <summary>
/// Source-address access control (reference §2.1, "IP access control"): location-scoped CIDR lists. An annotation
/// replaces the ConfigMap list of the same meaning for its Ingress's locations; it does not add to it.
/// </summary>
public static partial class AccessAnnotationSpecs
{
    public const string CidrListText = "comma-separated IPv4 or IPv6 addresses or CIDR ranges (e.g. 10.0.0.0/8, 192.168.1.7)";

    public static AnnotationSpec AllowlistSourceRange { get; } = new(
        "allowlist-source-range", "whitelist-source-range", AnnotationScope.Location, AnnotationRisk.Medium, CidrCharacters(), CidrListText, "(none)",
        "Access", "Only clients from these ranges are served; others get 403. Replaces the ConfigMap's whitelist-source-range.");

    /// <summary>The old name, still what ingress-nginx's docs use; <c>allowlist-source-range</c> wins when both are set.</summary>
    public static AnnotationSpec WhitelistSourceRange { get; } = AllowlistSourceRange with
    {
        Name = "whitelist-source-range",
        ConfigMapKey = null,
        Meaning = "The old name of allowlist-source-range, read when that is not set.",
    };

    public static AnnotationSpec DenylistSourceRange { get; } = new(
        "denylist-source-range", "denylist-source-range", AnnotationScope.Location, AnnotationRisk.Medium, CidrCharacters(), CidrListText, "(none)",
        "Access", "Clients from these ranges get 403. Replaces the ConfigMap's denylist-source-range.");

    public static IReadOnlyList<AnnotationSpec> All { get; } = [AllowlistSourceRange, WhitelistSourceRange, DenylistSourceRange];

    /// <summary>The characters a CIDR list may hold; each entry is then parsed as an address or range.</summary>
    [GeneratedRegex(@"^[0-9a-fA-F:./, ]{1,4096}\z")]
    private static partial Regex CidrCharacters();
}
