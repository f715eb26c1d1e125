namespace NginxIngress.Nginx.Config;

/// <summary>
/// One custom-http-errors code and the named location (in the same server) that answers it: it proxies to
/// <see cref="Upstream"/>, the default-backend's, with the X-Code headers, or when that is null returns <see cref="Code"/> itself.
/// </summary>
/// <param name="UpstreamBlock">The upstream{} block's name for <see cref="Upstream"/> (Translation.NginxNames.UpstreamBlock), which proxy_pass names.</param>
public sealed record ErrorPageConfig(int Code, string Location, string? Upstream, string? UpstreamBlock);
