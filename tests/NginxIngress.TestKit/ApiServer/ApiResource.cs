using System.Reflection;
using k8s.Models;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// One REST resource the emulator serves, described the way the API server's discovery would: group, version,
/// plural, kind, scope, and whether it has a <c>/status</c> subresource (which splits writes of spec and status).
/// </summary>
internal sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced, bool HasStatus, Type ClrType)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>"ingresses.networking.k8s.io", or "services" for the core group: how the real server names a resource in messages.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static ApiResource For<T>(bool namespaced, bool hasStatus = false)
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T)} carries no KubernetesEntityAttribute.");
        return new ApiResource(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind, namespaced, hasStatus, typeof(T));
    }
}
