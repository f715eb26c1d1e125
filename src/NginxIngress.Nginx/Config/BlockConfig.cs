using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>Requests refused with 403 before any location: by address (<c>deny</c>), User-Agent or Referer (maps).</summary>
public sealed record BlockConfig
{
    public static readonly BlockConfig None = new();

    public EquatableArray<string> Cidrs { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> UserAgents { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> Referers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Whether the <c>$block_ua</c> map exists, so each server checks it.</summary>
    public bool BlocksUserAgents => UserAgents.Count > 0;

    public bool BlocksReferers => Referers.Count > 0;

    public bool BlocksCidrs => Cidrs.Count > 0;
}
