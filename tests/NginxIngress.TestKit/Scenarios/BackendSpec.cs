namespace NginxIngress.TestKit.Scenarios;

/// <summary>A scenario's <c>backends:</c> entry: the pods behind one Service.</summary>
/// <param name="ReportedService">What the echo reports as its service (the SERVICE_NAME env), normally the Service name.</param>
public sealed record BackendSpec(string Service, string Deployment, int Replicas, string ReportedService);
