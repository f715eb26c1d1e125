using NginxIngress.Core.Settings;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Runs a case's manifests through the production pipeline with the controller's default flags, plus the shipped
/// Deployment's <c>--configmap=ingress-nginx/nginx-configuration</c>, <c>--tcp-services-configmap=ingress-nginx/tcp-services</c> and
/// <c>--udp-services-configmap=ingress-nginx/udp-services</c>: a case sets ConfigMap keys, or TCP and UDP services, by including them.
/// </summary>
public static class CaseRenderer
{
    public const string NoProblems = "no problems";

    private static readonly ControllerOptions Options = ControllerOptions.Default with
    {
        ConfigMap = new("ingress-nginx", "nginx-configuration"),
        TcpServicesConfigMap = new("ingress-nginx", "tcp-services"),
        UdpServicesConfigMap = new("ingress-nginx", "udp-services"),
    };

    public static CaseOutput Render(SnapshotCase snapshotCase)
    {
        var (documents, issues) = Read(snapshotCase);
        return Render(documents, issues);
    }

    public static (List<ManifestDocument> Documents, List<ManifestIssue> Issues) Read(SnapshotCase snapshotCase)
    {
        var documents = new List<ManifestDocument>();
        var issues = new List<ManifestIssue>();
        ManifestDocumentReader.ReadFile(snapshotCase.InputPath, SnapshotCase.InputFileName, documents, issues);
        return (documents, issues);
    }

    public static CaseOutput Render(IEnumerable<ManifestDocument> documents, IEnumerable<ManifestIssue> readIssues)
    {
        var loaded = new ManifestSnapshotLoader().Load(documents, readIssues);
        var result = ConfigPipeline.Run(loaded.Snapshot, Options, NginxSettings.Default);
        var lines = loaded.Issues.Select(issue => issue.ToString())
            .Concat(result.Problems.Select(problem => problem.ToString()))
            .DefaultIfEmpty(NoProblems);
        return new CaseOutput(result.Rendered.Text, string.Join('\n', lines) + "\n");
    }
}
