using ApprovalTests.Reporters;
using NginxIngress.Nginx.Tests.Snapshots;

// Every approval in this assembly fails with a unified diff in the test output (CI has no diff tool), and
// never approves by itself. Front-loading it too keeps ApprovalTests' CI-server reporters from replacing it.
[assembly: UseReporter(typeof(UnifiedDiffReporter))]
[assembly: FrontLoadedReporter(typeof(UnifiedDiffReporter))]
