namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// A request path taken apart the way the API server's router does:
/// <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c>, or <c>/apis/{group}/{version}/…</c>.
/// </summary>
internal sealed record ApiRoute(ApiResource Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>The namespace the store files the object under: empty for cluster-scoped resources.</summary>
    public string StoreNamespace => Namespace ?? "";

    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return null;
        }
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            ns = rest[1];
            rest = rest[2..];
        }
        if (rest.Length is 0 or > 3)
        {
            return null;
        }
        var resource = ApiResourceCatalog.Find(group, version, rest[0]);
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (resource is null
            || (resource.Namespaced && ns is null && name is not null)
            || (!resource.Namespaced && ns is not null)
            || (subresource is not null && (subresource != "status" || !resource.HasStatus)))
        {
            return null;
        }
        return new ApiRoute(resource, ns, name, subresource);
    }
}
