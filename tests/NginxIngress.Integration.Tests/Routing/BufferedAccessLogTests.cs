using NginxIngress.Core.Settings;
using NginxIngress.Integration.Tests.Controller;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.TestKit.Scenarios;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>
/// The default access log is buffered (access-log-params "buffer=64k flush=1s") and goes to /dev/stdout, as in the
/// container: a pipe, not a file. A lone request's line must still come out, once the flush interval is up, without
/// waiting for 64k of traffic or for a reload.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class BufferedAccessLogTests
{
    [Test]
    public async Task A_single_request_reaches_the_buffered_stdout_access_log_without_more_traffic()
    {
        await using var cluster = await LoopbackCluster.StartAsync(Service("web") + Ingress("web", "web.example", [("/", "Prefix", "web")]), ("web", 1));
        var result = ConfigPipeline.Run(cluster.Snapshot(), cluster.Options, cluster.Nginx.Settings with { AccessLog = "/dev/stdout" });
        Assert.That(result.Rendered.Text, Does.Contain($"access_log \"/dev/stdout\" upstreaminfo {string.Join(' ', LogSettings.DefaultAccessLogParams.Select(p => $"\"{p}\""))} if=$loggable;"),
            "the default log is buffered");
        await cluster.Nginx.ApplyAsync(result.Rendered);

        var response = await cluster.GetAsync("web.example", "/buffered-log-marker");
        Assert.That(response.StatusCode, Is.EqualTo(200), response.Summary);

        await RunningController.EventuallyAsync(() => Task.FromResult(cluster.Nginx.Output.Contains("GET /buffered-log-marker HTTP/1.1\" 200", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the request's line comes out of nginx's stdout");
    }
}
