using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>One simple directive: a fixed name of ours and its arguments, each printed quoted.</summary>
public sealed record DirectiveConfig(string Name, EquatableArray<string> Args);
