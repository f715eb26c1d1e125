using k8s.Models;

namespace NginxIngress.Core.Building;

/// <summary>One path of one rule, with the field path a problem about it should name.</summary>
internal sealed record IngressPath(string Path, string? PathType, V1IngressBackend Backend, string Field);
