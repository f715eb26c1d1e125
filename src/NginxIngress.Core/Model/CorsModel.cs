using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Model;

/// <summary>
/// CORS as an Ingress enables it. <see cref="Origins"/> holds <c>*</c> alone (any origin: the header says <c>*</c>),
/// or the allowed origins as written, possibly with one <c>*.</c> wildcard label each; empty allows none.
/// </summary>
public sealed record CorsModel(
    EquatableArray<string> Origins,
    string AllowMethods,
    string AllowHeaders,
    string ExposeHeaders,
    bool AllowCredentials,
    int MaxAgeSeconds)
{
    public bool AnyOrigin => Origins.Count == 1 && Origins[0] == "*";
}
