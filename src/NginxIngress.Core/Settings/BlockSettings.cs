using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary><c>block-cidrs</c>, <c>block-user-agents</c> and <c>block-referers</c>: requests that get 403 wherever they go.</summary>
public sealed record BlockSettings
{
    public static readonly BlockSettings Default = new();

    public EquatableArray<string> Cidrs { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Map keys on <c>$http_user_agent</c>: exact, or <c>~</c>/<c>~*</c> regexes.</summary>
    public EquatableArray<string> UserAgents { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Map keys on <c>$http_referer</c>.</summary>
    public EquatableArray<string> Referers { get; init; } = EquatableArray<string>.Empty;

    internal static BlockSettings From(ConfigMapReader reader) => new()
    {
        Cidrs = reader.Read(HttpConfigMapKeys.BlockCidrs, Default.Cidrs, ConfigMapValues.Cidrs),
        UserAgents = reader.Read(HttpConfigMapKeys.BlockUserAgents, Default.UserAgents, value => ConfigMapValues.MatchList(value, ConfigMapValues.ExactText)),
        Referers = reader.Read(HttpConfigMapKeys.BlockReferers, Default.Referers, value => ConfigMapValues.MatchList(value, ConfigMapValues.ExactText)),
    };
}
