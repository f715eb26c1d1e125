using ApprovalTests.Core;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Names snapshots after the case folder rather than the test method, so a case's approved files sit next to
/// its input: <c>cases/&lt;name&gt;/nginx.approved.conf</c>, <c>cases/&lt;name&gt;/problems.approved.txt</c>.
/// </summary>
public sealed class CaseFolderNamer(string folder, string name) : IApprovalNamer
{
    public string SourcePath { get; } = folder;

    public string Name { get; } = name;
}
