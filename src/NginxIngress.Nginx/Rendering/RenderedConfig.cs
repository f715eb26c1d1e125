namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// nginx.conf as text, with its version: the SHA-256 of the text (taken before the version itself is
/// written into it). The config serves this version on its status port, which is how a reload is verified.
/// <paramref name="SourceMap"/> says which object each block of the text came from.
/// </summary>
public sealed record RenderedConfig(string Text, string Version, SourceMap SourceMap);
