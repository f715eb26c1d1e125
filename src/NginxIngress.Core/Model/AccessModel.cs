using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Model;

/// <summary>
/// Who may reach a location: <see cref="Deny"/> is checked first, then, when <see cref="Allow"/> is not empty, only
/// its ranges are served. Entries are normalised CIDR ranges (<c>10.0.0.0/8</c>, <c>192.168.1.7/32</c>).
/// </summary>
public sealed record AccessModel(EquatableArray<string> Allow, EquatableArray<string> Deny)
{
    public static readonly AccessModel Open = new(EquatableArray<string>.Empty, EquatableArray<string>.Empty);
}
