namespace NginxIngress.Nginx.Tests.Snapshots;

/// <param name="NginxConf">The rendered nginx.conf, byte for byte.</param>
/// <param name="Problems">Manifest issues, then model problems, one per line, as a user of <c>render</c> sees them.</param>
public sealed record CaseOutput(string NginxConf, string Problems);
