namespace NginxIngress.Core.Settings;

/// <summary>One ConfigMap key this controller reads: its grammar and default as users see them, and what it does.</summary>
public sealed record ConfigMapKeySpec(string Key, string GrammarText, string Default, string Meaning);
