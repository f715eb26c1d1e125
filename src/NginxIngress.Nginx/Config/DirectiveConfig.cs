using NginxIngress.Core.Collections;

namespace NginxIngress.Nginx.Config;

/// <summary>
/// One simple directive: a fixed name of ours and its arguments, each printed with NginxSyntax.QuoteLiteral, so a "$"
/// in an argument is a literal "$" even in a directive that expands variables. An argument that must read a variable
/// is template text, not a DirectiveConfig.
/// </summary>
public sealed record DirectiveConfig(string Name, EquatableArray<string> Args);
