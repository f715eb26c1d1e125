namespace NginxIngress.Nginx.Config;

/// <summary><c>rewrite &lt;Pattern&gt; &lt;Replacement&gt; break;</c></summary>
public sealed record RewriteConfig(string Pattern, string Replacement);
