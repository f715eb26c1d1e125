using NginxIngress.Core.Collections;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Rendering;

/// <summary>
/// A config bundle: nginx.conf as text, the files it names (certificates and keys, <see cref="Files"/>), and its
/// version: the SHA-256 of the text (taken before the version itself is written into it) and of every file, so a
/// rotated certificate is a new version though the text is unchanged. The config serves this version on its status
/// port, which is how a reload is verified. <paramref name="SourceMap"/> says which object each block of the text
/// came from.
/// </summary>
public sealed record RenderedConfig(string Text, string Version, SourceMap SourceMap)
{
    public EquatableArray<BundleFile> Files { get; init; } = EquatableArray<BundleFile>.Empty;
}
