namespace NginxIngress.Core.Model;

/// <summary>A location that answers with a redirect instead of proxying (permanent-redirect or temporal-redirect).</summary>
public sealed record RedirectModel(string Url, int Code);
